import type { components } from './schema';

export type ProblemDetails = components['schemas']['ProblemDetails'];

/**
 * An HTTP answer that was not OK, carrying the RFC 9457 problem details the host sent
 * (or a stand-in built from the status line when the body was not a problem document).
 */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(status: number, problem: ProblemDetails) {
    super(problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  get title(): string | undefined {
    return this.problem.title ?? undefined;
  }

  get detail(): string | undefined {
    return this.problem.detail ?? undefined;
  }

  get traceId(): string | undefined {
    return this.problem.traceId ?? undefined;
  }

  /** 4xx: asking again the same way will not help. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

function isProblemDetails(value: unknown): value is ProblemDetails {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const record = value as Record<string, unknown>;
  return ['title', 'detail', 'type', 'status'].some((key) => key in record);
}

/** Builds the typed error for a response that was not OK, from whatever body it had. */
export function toApiProblem(response: Response, body: unknown): ApiProblem {
  if (isProblemDetails(body)) {
    return new ApiProblem(response.status, { ...body, status: body.status ?? response.status });
  }
  return new ApiProblem(response.status, {
    status: response.status,
    title: response.statusText || undefined,
    detail: typeof body === 'string' && body.length > 0 && body.length <= 500 ? body : undefined,
  });
}
