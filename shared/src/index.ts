export * from './mention';
export * from './config';
export * from './names';
export * from './api';
export * from './ports/bus';
export * from './ports/store';
export * from './result';
export * from './random';
