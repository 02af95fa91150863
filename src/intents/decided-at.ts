/**
 * When an action was decided, on the clock applying it: a change made offline an hour ago is an
 * hour old here too, not as new as its arrival (the device's clock may be days off; the age it
 * measured on that clock is not). A contact change's date and a dismissal's end use it alike.
 */
export const decidedAt = (ctx: { now: Date; ageMs?: number }): Date =>
  new Date(ctx.now.getTime() - Math.max(0, ctx.ageMs ?? 0));
