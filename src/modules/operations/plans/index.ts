/** Project 06 plan data files: schema (plan-file.ts) and loaders (load.ts). */
export * from './plan-file.js';
export { bundledPlanFiles, isRealIsoDate, jsonPath, loadNationalModels, loadPlanFile, NATIONAL_MODELS_FILE, PLANS_DIR, PlanFileError } from './load.js';
