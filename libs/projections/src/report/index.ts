export * from './city-report';
export * from './report-model';
