export type SigningTarget = 'win' | 'mac' | 'linux';
export type SigningPlan = {
  sign: boolean;
  notarize: boolean;
  env: Record<string, string>;
  args: string[];
  lines: string[];
};
export function signingPlan(
  env: Record<string, string | undefined>,
  target: SigningTarget,
): SigningPlan;
export function targetsOf(args: string[], platform: NodeJS.Platform): SigningTarget[];
