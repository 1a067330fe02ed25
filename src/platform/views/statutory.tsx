import { TableWrap } from './forms.js';
import { DEADLINE_RULES, RECEIPT_DATE_RULES, REQUEST_CONTENTS } from './statutory-texts.js';

/** 条例 第二十九条: the three things a request must contain. */
export function RequestContentsList() {
  return (
    <ol>
      {REQUEST_CONTENTS.map((c) => (
        <li>{c}</li>
      ))}
    </ol>
  );
}

/** 条例 第三十一条: how the date of receipt is fixed for each channel. */
export function ReceiptDateTable() {
  return (
    <TableWrap label="收到申请之日的确定规则">
      <table class="data">
        <thead>
          <tr>
            <th scope="col">提交方式</th>
            <th scope="col">收到申请之日</th>
          </tr>
        </thead>
        <tbody>
          {RECEIPT_DATE_RULES.map((r) => (
            <tr>
              <td>{r.channel}</td>
              <td>{r.rule}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** 条例 第三十条、第三十二至三十四条: reply periods, correction and consultation. */
export function DeadlineRulesList() {
  return (
    <ul>
      {DEADLINE_RULES.map((r) => (
        <li>{r}</li>
      ))}
    </ul>
  );
}
