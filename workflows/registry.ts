import type { FunctionName } from '../functions/registry.ts';

/**
 * Every workflow: its ASL file and, for each `${Placeholder}` in it, the function bound there.
 * The CDK turns each binding into a `definitionSubstitutions` entry (the function's ARN); the
 * local engine binds the same placeholder to the same handler, in-process.
 */
export interface WorkflowSpec {
  file: string;
  /** the env var through which functions find this state machine's ARN */
  arnEnv: string;
  substitutions: Record<string, FunctionName>;
}

export const workflows = {
  'tender-intake': {
    file: 'workflows/tender-intake.asl.json',
    arnEnv: 'TENDER_INTAKE_STATE_MACHINE_ARN',
    substitutions: {
      NormalizeTenderFunctionArn: 'normalizeTender',
      GenerateChecklistFunctionArn: 'generateChecklist',
      PersistTenderFunctionArn: 'persistTender',
      ScheduleDeadlinesFunctionArn: 'scheduleDeadlines',
      MarkIntakeFailedFunctionArn: 'markIntakeFailed',
    },
  },
  'package-intake': {
    file: 'workflows/package-intake.asl.json',
    arnEnv: 'PACKAGE_INTAKE_STATE_MACHINE_ARN',
    substitutions: {
      SplitPackageFunctionArn: 'splitPackage',
      NormalizeTenderFunctionArn: 'normalizeTender',
      GenerateChecklistFunctionArn: 'generateChecklist',
      PersistTenderFunctionArn: 'persistTender',
      ScheduleDeadlinesFunctionArn: 'scheduleDeadlines',
      MarkIntakeFailedFunctionArn: 'markIntakeFailed',
      RecordImportResultFunctionArn: 'recordImportResult',
      FinishImportFunctionArn: 'finishImport',
    },
  },
  'custom-dev-assessment': {
    file: 'workflows/custom-dev-assessment.asl.json',
    arnEnv: 'CUSTOM_DEV_ASSESSMENT_STATE_MACHINE_ARN',
    substitutions: {
      ValidateFunctionArn: 'validateCustomDevAssessment',
      BusinessCaseFunctionArn: 'computeCustomDevBusinessCase',
      RecommendFunctionArn: 'recommendCustomDev',
      PersistFunctionArn: 'persistCustomDevAssessment',
      RegisterDeadlineFunctionArn: 'registerCustomDevDeadline',
      NotifyFunctionArn: 'notifyCustomDev',
      MarkFailedFunctionArn: 'markCustomDevFailed',
    },
  },
  'custom-dev-decision': {
    file: 'workflows/custom-dev-decision.asl.json',
    arnEnv: 'CUSTOM_DEV_DECISION_STATE_MACHINE_ARN',
    substitutions: {
      RecordFunctionArn: 'registerCustomDevDeadline',
      GenerateSpecFunctionArn: 'generateCustomDevSpec',
      CreatePilotFunctionArn: 'createCustomDevPilot',
      NotifyFunctionArn: 'notifyCustomDev',
      MarkFailedFunctionArn: 'markCustomDevFailed',
    },
  },
  'pilot-evaluation': {
    file: 'workflows/pilot-evaluation.asl.json',
    arnEnv: 'PILOT_EVALUATION_STATE_MACHINE_ARN',
    substitutions: {
      ValidatePilotEvaluationFunctionArn: 'validatePilotEvaluation',
      EvaluatePilotFunctionArn: 'evaluatePilot',
      PersistPilotEvaluationFunctionArn: 'persistPilotEvaluation',
      SchedulePilotDecisionFunctionArn: 'schedulePilotDecision',
      NotifyPilotEvaluationFunctionArn: 'notifyPilotEvaluation',
      MarkPilotEvaluationFailedFunctionArn: 'markPilotEvaluationFailed',
    },
  },
  'matrix-import': {
    file: 'workflows/matrix-import.asl.json',
    arnEnv: 'MATRIX_IMPORT_STATE_MACHINE_ARN',
    substitutions: {
      PlanFunctionArn: 'planMatrixImport',
      ApplyPageFunctionArn: 'applyMatrixPage',
      FinishFunctionArn: 'finishMatrixImport',
    },
  },
  'calendar-recompute': {
    file: 'workflows/calendar-recompute.asl.json',
    arnEnv: 'CALENDAR_RECOMPUTE_STATE_MACHINE_ARN',
    substitutions: {
      RecomputePageFunctionArn: 'recomputeCalendar',
    },
  },
} as const satisfies Record<string, WorkflowSpec>;

export type WorkflowName = keyof typeof workflows;
export const workflowNames = Object.keys(workflows) as WorkflowName[];

/** `${Name}` placeholders used in an ASL text. */
export const placeholdersIn = (asl: string): string[] => [
  ...new Set([...asl.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] as string)),
];
