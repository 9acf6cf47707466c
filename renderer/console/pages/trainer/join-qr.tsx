/** The attendee's join link as a QR code picture (an SVG from the cloud, as a data: URL). */
import { useState } from 'react';
import type { z } from 'zod';
import type { attendeeView } from '../../../../shared/contract/cloud-api/workshop.js';
import { cloudBasePath } from '../../api/client';
import { adminToken } from '../../api/token';

export type Attendee = z.output<typeof attendeeView>;

export function JoinQr({ attendee }: { attendee: Attendee }) {
  const [src, setSrc] = useState<string | null>(null);
  const show = async () => {
    const res = await fetch(`${cloudBasePath()}/api/admin/attendees/${attendee.attendee}/qr`, {
      headers: { authorization: `Bearer ${adminToken.get() ?? ''}` },
      cache: 'no-store',
    });
    if (res.ok) setSrc(`data:image/svg+xml,${encodeURIComponent(await res.text())}`);
  };
  if (src) {
    return (
      <a href={attendee.joinUrl}>
        <img
          src={src}
          width={120}
          height={120}
          alt={`QR code of attendee ${attendee.attendee}'s join link`}
        />
      </a>
    );
  }
  return (
    <button
      type="button"
      className="link"
      aria-label={`QR code for attendee ${attendee.attendee}`}
      onClick={() => void show()}
    >
      QR code
    </button>
  );
}
