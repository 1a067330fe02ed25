/**
 * What a citizen gets once after filing (a disclosure request, a message): the tracking number and
 * the query code, whose plain text is never stored. Shared so both receipts say it the same way;
 * `prefix` keeps each page's element ids (rq-…, ly-…).
 */
export function TrackingCredentials({ prefix, numberLabel, trackingNumber, queryCode }: { prefix: string; numberLabel: string; trackingNumber: string; queryCode: string }) {
  return (
    <>
      <dt>{numberLabel}</dt>
      <dd>
        <strong class="rq-code" id={`${prefix}-tracking-number`}>
          {trackingNumber}
        </strong>
      </dd>
      <dt>查询码</dt>
      <dd>
        <strong class="rq-code rq-query-code" id={`${prefix}-query-code`} aria-describedby={`${prefix}-query-code-warning`}>
          {queryCode}
        </strong>
      </dd>
    </>
  );
}

/** The warning under the credentials: the query code is shown this once. */
export function QueryCodeWarning({ prefix, what }: { prefix: string; what: string }) {
  return (
    <div class="notice warn rq-once" id={`${prefix}-query-code-warning`}>
      <p>
        <strong>请立即记录查询码，本系统不保存明文，遗失后无法找回。</strong>
      </p>
      <p>查询码只在本页显示这一次。请抄写下来，或使用浏览器的打印功能（电脑上一般按 Ctrl+P）打印或保存本页。{what}</p>
    </div>
  );
}
