export * from './budget-categories';
export * from './documents.module';
export { type FontFace, type FontWeight, letterFaces } from './fonts/font-faces';
export { heightOfMixedScriptText, type MixedScriptTextOptions, type TextSpan, useFace, writeMixedScriptText } from './fonts/mixed-script-text';
export { splitIntoRuns, type TextRun, uncoveredCodePoints } from './fonts/text-runs';
export * from './letter-content';
export * from './letter-renderer';
export * from './submission-content';
export * from './submission-renderer';
