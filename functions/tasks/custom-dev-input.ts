import * as z from 'zod/mini';
import { EconomicsSetting } from '../domain/custom-dev/economics.ts';
import {
  BusinessCaseSchema,
  Commercial,
  RecommendationSchema,
  Technical,
} from '../domain/custom-dev/schemas.ts';
import { DECISIONS } from '../domain/custom-dev/types.ts';
import { text } from './task-input.ts';

/** The pieces the custom-development tasks' inputs share (what the workflows pass between steps). */
export const RequestRef = { org: text(), requestId: text() };
export const Inputs = {
  technical: z.nullable(Technical),
  commercial: z.nullable(Commercial),
  strategicFit: z.int().check(z.minimum(1), z.maximum(5)),
  economics: EconomicsSetting,
};
export const Assessed = {
  businessCase: z.nullable(BusinessCaseSchema),
  recommendation: RecommendationSchema,
};
export const DecisionRef = { ...RequestRef, decision: z.enum(DECISIONS) };
