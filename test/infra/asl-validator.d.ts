/** Types for asl-validator 4 (the package ships none): `module.exports = validator`. */
declare module 'asl-validator' {
  interface AslValidatorError {
    'Error code': string;
    Message: string;
    Location?: string;
  }
  interface AslValidatorOptions {
    checkPaths: boolean;
    checkArn: boolean;
  }
  function validator(
    definition: unknown,
    options?: AslValidatorOptions,
  ): { isValid: boolean; errors: AslValidatorError[]; errorsText: (separator?: string) => string };
  export = validator;
}
