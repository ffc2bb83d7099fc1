// The helper's typed contract with the Repo Access tab: the operation spec it reads and the reports it writes.
export * from './operation-spec';
export * from './reports';
