import { Icon, type IconName } from '../../components/icons';
import { useActions, type PageId } from '../../store';

interface NavItem {
  page: PageId;
  label: string;
  icon: IconName;
}

const SIGNED_IN: NavItem[] = [
  { page: 'private-access', label: 'Private Access', icon: 'shield' },
  { page: 'apps', label: 'Applications', icon: 'apps' },
];
const SIGNED_OUT: NavItem[] = [{ page: 'sign-in', label: 'Sign In', icon: 'signIn' }];
const MORE: NavItem[] = [
  { page: 'notifications', label: 'Notifications', icon: 'bell' },
  { page: 'troubleshoot', label: 'Troubleshoot', icon: 'wrench' },
  { page: 'about', label: 'About', icon: 'info' },
  { page: 'settings', label: 'Settings', icon: 'gear' },
];

export const pageHref = (page: PageId) => `#/${page}`;

/** The left navigation: links (hash routes), the current one marked aria-current="page". */
export function Nav({ current, signedIn }: { current: PageId; signedIn: boolean }) {
  const { navigate } = useActions();
  const link = (item: NavItem) => (
    <li key={item.page}>
      <a
        href={pageHref(item.page)}
        className="nav__link"
        aria-current={current === item.page ? 'page' : undefined}
        title={item.label}
        onClick={() => navigate(item.page)}
      >
        <Icon name={item.icon} />
        <span>{item.label}</span>
      </a>
    </li>
  );
  return (
    <nav className="nav" aria-label="Main">
      <ul className="nav__list">{(signedIn ? SIGNED_IN : SIGNED_OUT).map(link)}</ul>
      <p className="nav__section" aria-hidden="true">
        More
      </p>
      <ul className="nav__list">{MORE.map(link)}</ul>
    </nav>
  );
}
