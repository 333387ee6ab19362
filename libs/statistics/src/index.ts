export * from './wilson';
