export type { EnvValues, EnvironmentFiles } from './env-file.js';
export { loadEnvironment, parseEnvFile } from './env-file.js';
export type { RgbaImage } from './icons.js';
export {
  ACCENT_COLOR,
  COLOR_ICON_SIZE,
  OUTLINE_ICON_SIZE,
  decodePng,
  drawColorIcon,
  drawOutlineIcon,
  encodePng,
} from './icons.js';
export { instancePathToField, schemaPathFor, validateAgainstSchema } from './manifest-schema.js';
export type { PackageIcons, RuleInput } from './manifest-rules.js';
export { checkManifestRules, nonWhitePixels } from './manifest-rules.js';
export type { BuildOptions, BuildResult, PackageContents } from './package-builder.js';
export {
  APP_PACKAGE_DIR,
  ENV_DIR,
  buildAppPackage,
  templatePlaceholders,
  validateAppPackageZip,
  validatePackageContents,
} from './package-builder.js';
export type { FillResult, UnfilledPlaceholder } from './placeholders.js';
export { OPTIONAL_PLACEHOLDERS, fillPlaceholders, placeholderNames } from './placeholders.js';
export type { ValidationIssue } from './validation-issue.js';
export { PackageValidationError, formatIssue } from './validation-issue.js';
