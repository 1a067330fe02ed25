/**
 * The due-date explanation of a request, the same for the applicant and for staff: every step of
 * the statutory clock with the rule it rests on, the days skipped, and the pauses.
 */
import { TableWrap } from '../../platform/views/forms.js';
import type { ClockResult, ClockStep } from '../clock.js';

function Step({ step }: { step: ClockStep }) {
  const skipped = step.days ?? [];
  return (
    <li>
      <span>{step.text}</span> <span class="rqs-rule">（{step.rule}）</span>
      {skipped.length > 0 ? (
        <details class="rqs-days">
          <summary>期间不计或调整的日期（{skipped.length} 天）</summary>
          <ol>
            {skipped.map((d) => (
              <li>{d.text}</li>
            ))}
          </ol>
        </details>
      ) : null}
    </li>
  );
}

/** clock.steps as an ordered list; the skipped days of each step folded in a <details>. */
export function ClockExplanation({ clock }: { clock: ClockResult }) {
  return (
    <section aria-labelledby="rqs-clock-title" class="rqs-clock">
      <h3 id="rqs-clock-title">答复期限是怎样计算的</h3>
      <ol class="rqs-steps">
        {clock.steps.map((s) => (
          <Step step={s} />
        ))}
      </ol>
      {clock.pauses.length > 0 ? (
        <TableWrap label="暂停计时">
          <table class="data">
            <caption>暂停计时（不计入答复期限）</caption>
            <thead>
              <tr>
                <th scope="col">自</th>
                <th scope="col">至</th>
                <th scope="col">工作日</th>
                <th scope="col">原因</th>
              </tr>
            </thead>
            <tbody>
              {clock.pauses.map((p) => (
                <tr>
                  <td>{p.from}</td>
                  <td>{p.to}</td>
                  <td>{p.days}</td>
                  <td>{p.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </section>
  );
}
