import React from 'react';
import { ConnectionSection } from '../connection/ConnectionSection';
import { featureSections } from './feature-sections';
import { VersionedNotice } from '../versioned/VersionedView';
import type { TeamCity } from '../teamcity';
import { RepoAccessProvider } from '../project/context';
import type { Section } from './sections';
import { css } from '../ui/styles';

export const connectionSection: Section = { id: 'connection', title: 'Connection', Component: ConnectionSection };
const allSections: readonly Section[] = [connectionSection, ...featureSections];

export interface AppProps {
  readonly projectId: string;
  readonly tc: TeamCity;
  readonly sections?: readonly Section[];
}

/** The Repo Access project settings tab: a heading and one tab per section. */
export function App({ projectId, tc, sections = allSections }: AppProps): React.ReactElement {
  const context = React.useMemo(() => ({ projectId, tc }), [projectId, tc]);
  const [selected, setSelected] = React.useState(() => initialSection(sections));
  const tabs = React.useRef<Array<HTMLButtonElement | null>>([]);
  const current = sections.find((section) => section.id === selected) ?? sections[0];

  const select = (index: number) => {
    const section = sections[(index + sections.length) % sections.length];
    if (!section) return;
    setSelected(section.id);
    tabs.current[sections.indexOf(section)]?.focus();
    if (typeof history !== 'undefined') history.replaceState(history.state, '', `#${section.id}`);
  };
  const onKeyDown = (event: React.KeyboardEvent, index: number) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: sections.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    select(target);
  };

  return (
    <RepoAccessProvider value={context}>
      <div className="ra">
        <style>{css}</style>
        <h2>Repo Access for Bitbucket Cloud</h2>
        <p className="ra-muted">How this project's builds reach Bitbucket, without anyone's personal password.</p>
        <VersionedNotice />
        <div className="ra-tabs" role="tablist" aria-label="Repo Access sections">
          {sections.map((section, index) => (
            <button
              key={section.id}
              ref={(element) => {
                tabs.current[index] = element;
              }}
              type="button"
              role="tab"
              className="ra-tab"
              id={`ra-tab-${section.id}`}
              aria-selected={section === current}
              aria-controls={`ra-panel-${section.id}`}
              tabIndex={section === current ? 0 : -1}
              onClick={() => select(index)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              {section.title}
            </button>
          ))}
        </div>
        {current ? (
          <div role="tabpanel" id={`ra-panel-${current.id}`} aria-labelledby={`ra-tab-${current.id}`}>
            <current.Component />
          </div>
        ) : null}
      </div>
    </RepoAccessProvider>
  );
}

function initialSection(sections: readonly Section[]): string | undefined {
  const hash = typeof location === 'undefined' ? '' : location.hash.slice(1);
  return (sections.find((section) => section.id === hash) ?? sections[0])?.id;
}
