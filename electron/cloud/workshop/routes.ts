/**
 * The trainer's routes (contract: shared/contract/cloud-api/workshop.ts), on the cloud at the
 * workshop's root, behind the trainer's admin token: the attendees with their links and QR codes,
 * the live view (now, and as Server-Sent Events), the actions and the scenario steps. Beside them, each attendee's
 * join page at /join/<k>?token=<their admin token>. A cloud without attendees lists none.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import type { z } from 'zod';
import {
  attendeeNumber,
  workshopRoutes as contract,
  type attendeeView,
} from '../../../shared/contract/cloud-api/workshop.js';
import { AdminError } from '../http/admin-error.js';
import { installAdminScope } from '../http/admin-scope.js';
import { serve } from '../http/route.js';
import { tokenMatches, hashToken } from '../security/tokens.js';
import { runWorkshopAction } from './actions.js';
import { WorkshopFeed, type FeedMessage } from './feed.js';
import { JOIN_PAGE_HEADERS, joinPage } from './join-page.js';
import { scenarioStepper } from './scenario-steps.js';
import type { AttendeeTenant } from './tenant.js';
import type { Workshop } from './workshop.js';

type AttendeeView = z.output<typeof attendeeView>;

/** SSE comment lines keep proxies and the browser from timing the stream out. */
const KEEPALIVE_MS = 15_000;

const noWorkshop = () =>
  new AdminError(
    404,
    'no_workshop',
    'This cloud runs no workshop (start it with --attendees <n>).',
  );

export function attendeeLinks(workshop: Workshop, t: AttendeeTenant): AttendeeView {
  const cloudUrl = `${workshop.baseUrl}${t.prefix}`;
  return {
    attendee: t.attendee,
    tenantId: t.cloud.tenantId,
    adminToken: t.adminToken,
    cloudUrl,
    consoleUrl: `${cloudUrl}/admin`,
    joinUrl: `${workshop.baseUrl}/join/${t.attendee}?token=${encodeURIComponent(t.adminToken)}`,
    domains: [t.domains.acme, t.domains.globex],
  };
}

function sse(reply: FastifyReply, subscribe: (send: (m: FeedMessage) => void) => () => void) {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
  });
  const unsubscribe = subscribe((m) =>
    res.write(`event: ${m.type}\ndata: ${JSON.stringify(m)}\n\n`),
  );
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
  res.on('close', () => {
    clearInterval(keepalive);
    unsubscribe();
  });
}

export async function workshopRoutes(
  app: FastifyInstance,
  opts: { workshop: Workshop | undefined; adminTokenHash: string },
) {
  const { workshop } = opts;
  const feed = workshop ? new WorkshopFeed(workshop.tenants) : undefined;
  const runScenarioSteps = workshop ? scenarioStepper(workshop.tenants) : undefined;
  app.addHook('onClose', async () => feed?.stop());
  const tenant = (k: number) => {
    const t = workshop?.tenants.find((x) => x.attendee === k);
    if (!t) throw workshop ? new AdminError(404, 'not_found', `No attendee ${k}.`) : noWorkshop();
    return t;
  };

  await app.register(
    async (scope) => {
      installAdminScope(scope, opts.adminTokenHash);
      serve(scope, contract.listAttendees, () =>
        workshop ? workshop.tenants.map((t) => attendeeLinks(workshop, t)) : [],
      );
      serve(scope, contract.attendeeJoinQr, async ({ params }, _req, reply) => {
        const { joinUrl } = attendeeLinks(workshop!, tenant(params.attendee));
        const svg = await QRCode.toString(joinUrl, { type: 'svg', margin: 2 });
        return reply.type('image/svg+xml').header('cache-control', 'no-store').send(svg);
      });
      serve(scope, contract.workshopStatus, () => feed?.rows() ?? []);
      serve(scope, contract.workshopEvents, (_input, _req, reply) => {
        if (!feed) throw noWorkshop();
        sse(reply, (send) => feed.subscribe(send));
        return reply;
      });
      serve(scope, contract.workshopAction, ({ body }) => {
        if (!workshop) throw noWorkshop();
        return runWorkshopAction(workshop.tenants, body);
      });
      serve(scope, contract.workshopScenarioStep, ({ body }) => {
        if (!runScenarioSteps) throw noWorkshop();
        return runScenarioSteps(body);
      });
    },
    { prefix: '/api/admin' },
  );

  // The join page: the attendee's own token (or the trainer's) in the link, as in the QR code.
  app.get('/join/:attendee', async (req, reply) => {
    const parsed = attendeeNumber.safeParse((req.params as { attendee: string }).attendee);
    const t = parsed.success
      ? workshop?.tenants.find((x) => x.attendee === parsed.data)
      : undefined;
    const token = (req.query as { token?: unknown }).token;
    const allowed =
      t !== undefined &&
      typeof token === 'string' &&
      (tokenMatches(token, hashToken(t.adminToken)) || tokenMatches(token, opts.adminTokenHash));
    if (!workshop || !t || !allowed) {
      return reply
        .code(404)
        .headers(JOIN_PAGE_HEADERS)
        .send('<!doctype html><title>Not found</title><p>No such join link. Ask your trainer.</p>');
    }
    const links = attendeeLinks(workshop, t);
    return reply.headers(JOIN_PAGE_HEADERS).send(
      joinPage({
        attendee: t.attendee,
        cloudUrl: links.cloudUrl,
        consoleUrl: links.consoleUrl,
        adminToken: t.adminToken,
        domains: t.domains,
      }),
    );
  });
}
