// Test support other modules' tests share (lint: only test code may import a module's testing.js).
export * from './chip/testing.js';
