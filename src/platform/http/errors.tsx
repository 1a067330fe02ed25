import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { AppError, errors } from '../errors.js';
import { PublicLayout } from '../views/layout.js';
import { pageContext, sendPage } from './render.js';
import type { WebContext } from './web-context.js';

function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** Maps framework errors (body too large, bad JSON, rate limit) onto the catalogue. */
function toAppError(error: FastifyError | AppError | Error): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return errors.validation(error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`));
  const fe = error as FastifyError;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return errors.payloadTooLarge();
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return errors.badRequest('不支持的内容类型', 'Unsupported content type');
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return errors.badRequest('请求内容不是有效的 JSON', 'The request body is not valid JSON');
  }
  if (fe.statusCode === 429) return errors.rateLimited();
  if (fe.validation) return errors.validation(fe.validation.map((v) => `${v.instancePath || 'input'} ${v.message ?? ''}`.trim()));
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return new AppError('BAD_REQUEST', fe.statusCode, '请求无效', 'Bad request');
  return undefined;
}

function ErrorPage({ web, request, reply, error }: { web: WebContext; request: FastifyRequest; reply: FastifyReply; error: AppError }) {
  const ctx = pageContext(web, request, reply);
  const title = error.status === 404 ? '页面不存在' : error.status >= 500 ? '系统暂时无法处理您的请求' : '无法完成请求';
  return (
    <PublicLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{error.zh}</p>
      {error.details && error.details.length > 0 ? (
        <ul>
          {error.details.map((d) => (
            <li>{d}</li>
          ))}
        </ul>
      ) : null}
      <p lang="en">{error.en}</p>
      <p>
        您可以 <a href="/">返回首页</a>，或查看 <a href="/help">帮助</a>。
        {error.status >= 500 ? `如问题持续存在，请记下时间与编号 ${request.id} 并联系网站管理员。` : ''}
      </p>
    </PublicLayout>
  );
}

export function sendError(web: WebContext, request: FastifyRequest, reply: FastifyReply, error: AppError) {
  if (error.status === 401 && !wantsJson(request) && request.method === 'GET' && request.url.startsWith('/staff')) {
    return reply.redirect(`/staff/login?next=${encodeURIComponent(request.url)}`, 302);
  }
  if (error.code === 'RATE_LIMITED') reply.header('retry-after', '60');
  if (wantsJson(request)) {
    return reply.status(error.status).send({
      error: { code: error.code, message: error.publicMessage, ...(error.details ? { details: error.details } : {}) },
    });
  }
  return sendPage(request, reply, <ErrorPage web={web} request={request} reply={reply} error={error} />, error.status);
}

/** One handler for every error: known codes keep their status; anything else is logged and masked. */
export function installErrorHandling(app: FastifyInstance, web: WebContext): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let appError = toAppError(error);
    if (!appError) {
      request.log.error({ err: error }, 'unhandled error');
      appError = errors.internal();
    }
    return sendError(web, request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => sendError(web, request, reply, errors.notFound()));
}
