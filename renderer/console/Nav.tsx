import type { ConsolePage } from './pages/page';
import { PAGES } from './pages';

/** The page a hash names (#/sessions), or the first page. */
export function pageFromHash(hash: string): string {
  const id = hash.replace(/^#\/?/, '');
  return PAGES.some((p) => p.id === id) ? id : PAGES[0]!.id;
}

/** The console's navigation: one link per registered page, the current one marked. */
export function Nav({ pages, current }: { pages: readonly ConsolePage[]; current: string }) {
  return (
    <nav aria-label="Console pages" className="nav">
      <ul>
        {pages.map((p) => (
          <li key={p.id}>
            <a href={`#/${p.id}`} aria-current={p.id === current ? 'page' : undefined}>
              {p.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
