// One way to show a resource that is loading, failed, or not offered by this server yet.
import type { ReactNode } from 'react';
import type { Resource } from '../api/use-resource.js';

/** Shows `children(data)` once loaded; otherwise says, in words, why there is nothing to show. */
export function ResourceState<T>({ r, what, children }: { r: Resource<T>; what: string; children: (data: T) => ReactNode }) {
  if (r.data !== undefined) return <>{children(r.data)}</>;
  if (r.missing) return <Unavailable what={what} path={r.error && 'path' in r.error ? String(r.error.path) : undefined} />;
  if (r.error) {
    return (
      <p className="error" role="alert">
        Could not load {what}: {r.error.message}{' '}
        <button type="button" onClick={r.reload}>
          Try again
        </button>
      </p>
    );
  }
  return <p className="muted" aria-busy="true">Loading {what}…</p>;
}

/** A part of cityguard that this server does not offer (its API route answered 404). */
export function Unavailable({ what, path }: { what: string; path?: string | undefined }) {
  return (
    <div className="unavailable" role="note">
      <strong>Not available on this server yet.</strong> This cityguard server does not offer {what}
      {path ? (
        <>
          {' '}
          (<code>{path.split('?')[0]}</code> is not there)
        </>
      ) : null}
      . Nothing is shown rather than something made up.
    </div>
  );
}
