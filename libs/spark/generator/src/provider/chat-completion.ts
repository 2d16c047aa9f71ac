// One streamed call of the OpenAI Chat Completions API (`POST {baseUrl}/chat/completions`,
// `stream: true`), as DeepSeek, Ollama, vLLM and OpenAI serve it. Every failure becomes an
// `LlmRequestError` whose kind says whether to fall back (all of them do) and how to word it.
import { createSseParser } from './sse';

export type TChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

export type TChatEndpoint = {
  /** e.g. `https://api.deepseek.com/v1`, `http://127.0.0.1:11434/v1`; `/chat/completions` is appended. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  fetch: typeof fetch;
  /** Longest a whole request may take. */
  timeoutMs: number;
  /** Longest wait for the response and its first token, and between two chunks after that. */
  stallTimeoutMs: number;
};

export type TLlmFailureKind = 'timeout' | 'network' | 'server' | 'client' | 'protocol';

/** Why a model call failed; `status` is the HTTP status for `server` (5xx) and `client` (4xx). */
export class LlmRequestError extends Error {
  constructor(
    readonly kind: TLlmFailureKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'LlmRequestError';
  }
}

export type TChatCompletion = {
  /** The answer without the `<think>…</think>` part reasoning models (DeepSeek R1, Qwen 3 on Ollama) put first. */
  text: string;
  /** `length` when the model hit its output limit (the text is cut off). */
  finishReason: string | null;
};

/** `20 s`, `1.5 s`, `800 ms`: as a person reads a timeout. */
function duration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

type TTimeoutReason = { timeout: 'total' | 'stall' };

function chatCompletionsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/chat/completions`;
}

/** The provider's own words for a failed request (`{ error: { message } }` or `{ error: "…" }`), shortened. */
function errorMessageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message =
      typeof parsed.error === 'string'
        ? parsed.error
        : typeof parsed.error?.message === 'string'
          ? parsed.error.message
          : typeof parsed.message === 'string'
            ? parsed.message
            : null;
    if (message) return message.slice(0, 300);
  } catch {
    // not JSON: use the text itself
  }
  return body.trim().slice(0, 300) || '(no body)';
}

function httpError(status: number, body: string): LlmRequestError {
  const detail = errorMessageOf(body);
  if (status === 401 || status === 403)
    return new LlmRequestError(
      'client',
      `the model server refused the API key (HTTP ${status}: ${detail}); check LLM_API_KEY`,
      status,
    );
  if (status === 404)
    return new LlmRequestError(
      'client',
      `the model server has no such model or endpoint (HTTP 404: ${detail}); check LLM_BASE_URL and LLM_MODEL`,
      status,
    );
  if (status < 500)
    return new LlmRequestError(
      'client',
      `the model server refused the request (HTTP ${status}: ${detail})`,
      status,
    );
  return new LlmRequestError('server', `the model server failed (HTTP ${status}: ${detail})`, status);
}

function networkMessage(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const detail =
    typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : null;
  const message = error instanceof Error ? error.message : String(error);
  return detail ? `${message} (${detail})` : message;
}

/** One event's payload → its text delta, or an error the server streamed instead of a delta. */
function deltaOf(data: string): { content: string; finishReason: string | null } {
  let payload: unknown;
  try {
    payload = JSON.parse(data);
  } catch {
    throw new LlmRequestError(
      'protocol',
      `the model server streamed something that is not JSON: ${data.slice(0, 120)}`,
    );
  }
  const chunk = payload as {
    error?: { message?: unknown } | string;
    choices?: { delta?: { content?: unknown }; message?: { content?: unknown }; finish_reason?: unknown }[];
  };
  if (chunk.error)
    throw new LlmRequestError(
      'server',
      `the model server reported an error mid-stream: ${errorMessageOf(JSON.stringify({ error: chunk.error }))}`,
    );
  const choice = chunk.choices?.[0];
  const content = choice?.delta?.content ?? choice?.message?.content;
  return {
    content: typeof content === 'string' ? content : '',
    finishReason: typeof choice?.finish_reason === 'string' ? choice.finish_reason : null,
  };
}

/** Drops reasoning (`<think>…</think>`, also one never closed because the answer was cut off). */
export function withoutThinking(text: string): string {
  return text.replace(/<think>[\s\S]*?(<\/think>|$)/g, '').trimStart();
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The generation was aborted.', 'AbortError');
}

/**
 * Sends `messages` and streams the answer: `onDelta` gets each piece of text as it arrives, in
 * order; the promise resolves with the whole text. Rejects with the caller's abort reason when
 * `signal` aborts, otherwise with an `LlmRequestError` (timeout, network, 4xx, 5xx, bad stream).
 * A server that ignores `stream: true` and answers one JSON completion is accepted too.
 */
export async function streamChatCompletion(
  endpoint: TChatEndpoint,
  request: {
    messages: TChatMessage[];
    temperature?: number;
    onDelta?: (text: string) => void;
    signal?: AbortSignal;
  },
): Promise<TChatCompletion> {
  const callerSignal = request.signal;
  if (callerSignal?.aborted) throw abortError(callerSignal);
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  const totalTimer = setTimeout(
    () => controller.abort({ timeout: 'total' } satisfies TTimeoutReason),
    endpoint.timeoutMs,
  );
  let stallTimer: ReturnType<typeof setTimeout> | undefined;
  const armStallTimer = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(
      () => controller.abort({ timeout: 'stall' } satisfies TTimeoutReason),
      endpoint.stallTimeoutMs,
    );
  };

  const failure = (error: unknown): unknown => {
    if (callerSignal?.aborted) return abortError(callerSignal);
    const reason = controller.signal.reason as TTimeoutReason | undefined;
    if (controller.signal.aborted && reason?.timeout === 'total')
      return new LlmRequestError('timeout', `the model did not finish within ${duration(endpoint.timeoutMs)}`);
    if (controller.signal.aborted && reason?.timeout === 'stall')
      return new LlmRequestError('timeout', `the model sent nothing for ${duration(endpoint.stallTimeoutMs)}`);
    if (error instanceof LlmRequestError) return error;
    return new LlmRequestError('network', `the model server could not be reached: ${networkMessage(error)}`);
  };

  armStallTimer();
  try {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'text/event-stream',
    };
    if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`;
    const response = await endpoint.fetch(chatCompletionsUrl(endpoint.baseUrl), {
      method: 'POST',
      headers,
      body: JSON.stringify({
        model: endpoint.model,
        messages: request.messages,
        stream: true,
        temperature: request.temperature ?? 0.2,
      }),
      signal: controller.signal,
    });
    armStallTimer();
    if (!response.ok) throw httpError(response.status, await response.text());

    const contentType = response.headers.get('content-type') ?? '';
    if (!contentType.includes('text/event-stream')) {
      const { content, finishReason } = deltaOf(await response.text());
      if (content) request.onDelta?.(content);
      return { text: withoutThinking(content), finishReason };
    }
    if (!response.body) throw new LlmRequestError('protocol', 'the model server sent an empty stream');

    const parser = createSseParser();
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    let text = '';
    let finishReason: string | null = null;
    const take = (events: ReturnType<typeof parser.push>): boolean => {
      for (const event of events) {
        if (event.data.trim() === '[DONE]') return true;
        const delta = deltaOf(event.data);
        if (delta.finishReason) finishReason = delta.finishReason;
        if (delta.content) {
          text += delta.content;
          request.onDelta?.(delta.content);
        }
      }
      return false;
    };
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          take(parser.push(decoder.decode()));
          take(parser.end());
          break;
        }
        armStallTimer();
        if (take(parser.push(decoder.decode(value, { stream: true })))) break;
      }
    } finally {
      // After [DONE] (or a failure) the rest of the body is not needed; release the connection.
      await reader.cancel().catch(() => undefined);
    }
    return { text: withoutThinking(text), finishReason };
  } catch (error) {
    throw failure(error);
  } finally {
    clearTimeout(totalTimer);
    clearTimeout(stallTimer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
  }
}
