import { isGenericPlaybook, type IncidentSeverity, type IncidentType, type Playbook } from '@fenghuo/shared';

/**
 * The playbook for an incident: one naming its type beats one naming only
 * its severity, which beats the generic one; a playbook naming a type or
 * severity the incident does not have never applies. Ties go to the one
 * naming more (type and severity), then to the id, so the choice is stable.
 */
export function selectPlaybook(playbooks: readonly Playbook[], incident: { type?: IncidentType; severity: IncidentSeverity }): Playbook | undefined {
  const type = incident.type ?? 'other';
  const score = (p: Playbook): number => {
    const { types, severities } = p.applies_to;
    if (types.length && !types.includes(type)) return -1;
    if (severities.length && !severities.includes(incident.severity)) return -1;
    return (types.length ? 2 : 0) + (severities.length ? 1 : 0);
  };
  return playbooks
    .map((p) => ({ p, s: score(p) }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => b.s - a.s || Number(isGenericPlaybook(a.p)) - Number(isGenericPlaybook(b.p)) || a.p.id.localeCompare(b.p.id))[0]?.p;
}
