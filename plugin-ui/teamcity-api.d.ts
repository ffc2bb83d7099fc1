// Our declarations of the part of TeamCity's `window.TeamCityAPI` we use (TeamCity 2024.07+).
// The package `@jetbrains/teamcity-api` is a thin shim over that global; webpack maps the module
// specifier to the global (externals), so nothing here is ever bundled.

declare module '@jetbrains/teamcity-api' {
  import type * as ReactModule from 'react';
  import type * as ReactDOMModule from 'react-dom';
  import type * as ReactDOMClientModule from 'react-dom/client';

  /** Where a JavaScript plugin can be placed on TeamCity's pages (JS place ids, not the Java PlaceId). */
  export type PlaceIdList = {
    readonly SAKURA_HEADER_NAVIGATION_AFTER: 'SAKURA_HEADER_NAVIGATION_AFTER';
    readonly SAKURA_HEADER_RIGHT: 'SAKURA_HEADER_RIGHT';
    readonly SAKURA_BEFORE_CONTENT: 'SAKURA_BEFORE_CONTENT';
    readonly SAKURA_SIDEBAR_TOP: 'SAKURA_SIDEBAR_TOP';
    readonly SAKURA_PROJECT_LINKS: 'SAKURA_PROJECT_LINKS';
    readonly SAKURA_PROJECT_BUILDS: 'SAKURA_PROJECT_BUILDS';
    readonly SAKURA_BUILD_CONFIGURATION_BUILDS: 'SAKURA_BUILD_CONFIGURATION_BUILDS';
    readonly SAKURA_BUILD_OVERVIEW: 'SAKURA_BUILD_OVERVIEW';
    readonly HEADER_RIGHT: 'HEADER_RIGHT';
    readonly BEFORE_CONTENT: 'BEFORE_CONTENT';
    readonly PROJECT_FRAGMENT: 'PROJECT_FRAGMENT';
    readonly BUILD_RESULTS_FRAGMENT: 'BUILD_RESULTS_FRAGMENT';
    /**
     * Container of tabs contributed by `TabPlugin`. TeamCity's project *admin* tabs have no JS place:
     * the project settings tab is the server-side `EDIT_PROJECT_PAGE_TAB` (our Java shim), whose JSP
     * writes `<div id="repo-access-root" data-project-id="…">` that plugin-ui/index.tsx renders into.
     */
    readonly TAB_PLUGIN_CONTAINER: 'TAB_PLUGIN_CONTAINER';
  };
  export type PlaceId = keyof PlaceIdList;

  export type PluginContext = {
    readonly location: {
      readonly projectId?: string | null;
      readonly buildId?: string | null;
      readonly buildTypeId?: string | null;
    };
  };
  export type PluginCallback = (context: PluginContext) => unknown;
  export type UnsubscribeFromLifecycle = () => void;

  export type PluginConstructorArguments = {
    readonly name: string;
    readonly content: string | HTMLElement | ReactModule.ComponentType<never>;
    readonly options?: { containerTagName?: string; containerClassNames?: string | string[]; debug?: boolean };
    readonly onCreate?: () => unknown;
    readonly onMount?: PluginCallback;
    readonly onContextUpdate?: PluginCallback;
    readonly onUnmount?: PluginCallback;
    readonly onDelete?: PluginCallback;
  };

  export interface PluginInterface {
    readonly name: string;
    readonly placeId: PlaceId;
    container: HTMLElement | void;
    mount(): void;
    unmount(): void;
    onMount(callback: PluginCallback): UnsubscribeFromLifecycle;
    onUnmount(callback: PluginCallback): UnsubscribeFromLifecycle;
    replaceContent(content: string | HTMLElement | ReactModule.ComponentType<never>): void;
  }

  export type PluginType = {
    new (placeId: PlaceId | PlaceId[], args: PluginConstructorArguments): PluginInterface;
    readonly placeIds: PlaceIdList;
  };
  /** A Plugin placed at TAB_PLUGIN_CONTAINER. */
  export type TabPluginType = {
    new (args: PluginConstructorArguments): PluginInterface;
    readonly placeIds: PlaceIdList;
  };

  export interface PluginRegistry {
    search(pluginName: string): PluginInterface[];
    findUniquePlugin(placeId: PlaceId, pluginName: string): PluginInterface | null | undefined;
  }

  /** fetch() options; TeamCity adds credentials, `Accept: application/json` and, on writes, `X-TC-CSRF-Token`. */
  export type RequestOptions = RequestInit;
  /**
   * Fetches `base_uri + '/' + endpoint` (endpoint without a leading slash). A non-2xx response rejects
   * with TeamCity's HTTPError: `message` = the response text, `statusCode` = the HTTP status.
   */
  export type RequestJSON = <T = unknown>(endpoint: string, options?: RequestOptions) => Promise<T>;
  export type RequestText = (endpoint: string, options?: RequestOptions) => Promise<string>;

  export type Utils = {
    readonly requestJSON: RequestJSON;
    readonly requestText: RequestText;
    readonly resolveRelativeURL?: (relativePath: string, params?: Record<string, string>, hash?: string) => string;
  };

  /** The subset of Ring UI's Button props we pass (Ring renders a <button> and forwards the rest). */
  export type ButtonProps = {
    readonly children?: ReactModule.ReactNode;
    readonly primary?: boolean;
    readonly danger?: boolean;
    readonly disabled?: boolean;
    readonly loader?: boolean;
    readonly type?: 'button' | 'submit';
    readonly onClick?: (event: ReactModule.MouseEvent<HTMLButtonElement>) => void;
    readonly 'aria-describedby'?: string;
    readonly 'aria-label'?: string;
  };
  export type AlertType = 'error' | 'message' | 'success' | 'warning' | 'loading';
  export type ServiceMessageProps = {
    readonly type?: AlertType;
    readonly title?: string;
    readonly description?: string;
    readonly children?: ReactModule.ReactNode;
  };
  export type Components = {
    readonly Button?: ReactModule.ComponentType<ButtonProps>;
    readonly ServiceMessage?: ReactModule.ComponentType<ServiceMessageProps>;
  };

  export type TeamCityAPIType = {
    readonly React: typeof ReactModule;
    readonly ReactDOM: typeof ReactDOMModule;
    readonly ReactDOMClient: typeof ReactDOMClientModule;
    readonly Plugin: PluginType;
    readonly TabPlugin: TabPluginType;
    readonly Components: Components;
    readonly utils: Utils;
    readonly pluginRegistry: PluginRegistry;
  };

  export const React: typeof ReactModule;
  export const ReactDOM: typeof ReactDOMModule;
  export const ReactDOMClient: typeof ReactDOMClientModule;
  export const Plugin: PluginType;
  export const TabPlugin: TabPluginType;
  export const Components: Components;
  export const utils: Utils;
  export const pluginRegistry: PluginRegistry;
  const TeamCityAPI: TeamCityAPIType;
  export default TeamCityAPI;
}

interface Window {
  /** Present on every TeamCity page; absent in unit tests. */
  TeamCityAPI?: import('@jetbrains/teamcity-api').TeamCityAPIType;
  /** TeamCity's server root URL without a trailing slash ('' when served at /). */
  base_uri?: string;
}
