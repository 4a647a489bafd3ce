// @vitest-environment jsdom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { configure } from '@testing-library/dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Incident } from '@fenghuo/shared/workflow';
import { IncidentStatusControl } from './IncidentStatusControl';

const incident = { id: 'inc-1', status: 'responding', version: 4, actions: [] } as unknown as Incident;

function mockFetch(status: number, body: unknown) {
  const calls: { key: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      calls.push({ key: `${init.method} ${path}`, body: init.body ? JSON.parse(String(init.body)) : undefined });
      return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return calls;
}

// The machine is shared and busy: give async queries more than the default second.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('IncidentStatusControl', () => {
  it('offers the moves the status allows, and acknowledging until done', () => {
    mockFetch(200, {});
    const { getAllByRole, rerender } = render(<IncidentStatusControl incident={incident} onChanged={() => {}} />);
    expect(getAllByRole('button').map((b) => b.textContent)).toEqual(['确认接报', '转为持续关注', '结束事件']);
    rerender(<IncidentStatusControl incident={{ ...incident, status: 'closed', acknowledged_at: 1 }} onChanged={() => {}} />);
    expect(getAllByRole('button').map((b) => b.textContent)).toEqual(['重新打开']);
  });

  it('changes the status against the version shown', async () => {
    const calls = mockFetch(200, { ...incident, status: 'closed', version: 5 });
    const onChanged = vi.fn();
    const { getByRole } = render(<IncidentStatusControl incident={incident} onChanged={onChanged} />);
    fireEvent.click(getByRole('button', { name: '结束事件' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(expect.objectContaining({ status: 'closed', version: 5 })));
    expect(calls).toEqual([{ key: 'PATCH /api/v1/incidents/inc-1', body: { expected_version: 4, status: 'closed' } }]);
  });

  it('reports a change made meanwhile (409) and asks for a reload', async () => {
    mockFetch(409, { error: 'incident inc-1 changed meanwhile' });
    const onChanged = vi.fn();
    const { getByRole, findByRole } = render(<IncidentStatusControl incident={incident} onChanged={onChanged} />);
    fireEvent.click(getByRole('button', { name: '转为持续关注' }));
    expect((await findByRole('alert')).textContent).toContain('已被他人修改');
    expect(onChanged).toHaveBeenCalledWith();
  });
});
