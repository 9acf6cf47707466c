import { useConsole } from '../context';
import { useLoad } from '../use-load';
import type { ConsolePage } from './page';
import { DecisionTest } from './policies/DecisionTest';
import { RulesSection } from './policies/RulesSection';
import { SegmentsSection } from './policies/SegmentsSection';

function Policies() {
  const { api, idps } = useConsole();
  const segments = useLoad('segments', () => api.call('listSegments'));
  const groups = useLoad('groups', () => api.call('listSegmentGroups'));
  // Rules name segments, segment groups and IdPs by id: their names, for people.
  const names = new Map<string, string>([
    ...(segments.data ?? []).map((s) => [s.id, s.name] as const),
    ...(groups.data ?? []).map((g) => [g.id, g.name] as const),
    ...idps.map((i) => [i.id, i.name] as const),
  ]);
  const reload = () => {
    segments.reload();
    groups.reload();
  };
  return (
    <>
      <DecisionTest />
      <RulesSection names={names} onChanged={reload} />
      <SegmentsSection segments={segments.data} groups={groups.data} onChanged={reload} />
    </>
  );
}

export const policiesPage: ConsolePage = {
  id: 'policies',
  title: 'Policies',
  description:
    'Application segments and segment groups; access, client forwarding and timeout rules; a test decision with its trace.',
  Component: Policies,
};
