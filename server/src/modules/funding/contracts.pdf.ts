import { CONTRACT_STATE_NAMES, FOCUS_AREA_NAMES, formatYuan, TRANCHE_GATE_NAMES } from '@linli/common';
import { renderPdf } from '../../platform/pdf.ts';
import type { ContractDetail } from './contracts.schemas.ts';

const zh = 'zh-CN';

/** The contract text (合同文本) as a PDF: parties, term, amount, deliverables, milestones, tranches, evaluation. */
export function contractPdf(c: ContractDetail): Promise<Buffer> {
  const no = c.id.slice(0, 8).toUpperCase();
  return renderPdf({
    title: '政府购买社会组织服务项目合同',
    subtitle: `合同编号：${no} · 状态：${CONTRACT_STATE_NAMES[zh][c.state]}`,
    author: '区民政局',
    subject: c.title,
    blocks: [
      {
        table: [
          ['项目名称', c.title],
          ['甲方（购买方）', `区民政局（资金：${c.fundName}）`],
          ['乙方（承接方）', c.organizationName],
          ['服务领域', c.focusArea ? FOCUS_AREA_NAMES[zh][c.focusArea] : '—'],
          ['合同金额', `人民币 ${formatYuan(c.amountFen)} 元（立项金额 ${formatYuan(c.awardedFen)} 元）`],
          ['合同期限', `${c.startsOn} 至 ${c.endsOn}`],
          ['第三方评估机构', c.evaluatorName],
        ],
      },
      { paragraph: `一、交付成果。${c.deliverables}` },
      {
        paragraph:
          c.milestones.length > 0
            ? `二、进度安排。${c.milestones.map((m, i) => `（${i + 1}）${m.name}，${m.dueOn} 前完成`).join('；')}。`
            : '二、进度安排。按项目实施方案执行。',
      },
      {
        paragraph:
          '三、资金拨付。甲方按下列计划分笔拨付，每笔须在其拨付条件满足后拨付：签约款在合同签订后拨付；' +
          '中期款在第三方事中评价合格后拨付；尾款在第三方事后评估（验收）合格后拨付。事中评价不合格的，' +
          '暂停拨付，乙方限期整改并经复评合格后恢复；整改不到位的，甲方可以终止合同，未拨付资金不再拨付。',
      },
      {
        table: c.tranches.map((t): [string, string] => [
          `第 ${t.seq} 笔（${TRANCHE_GATE_NAMES[zh][t.gate]}）`,
          `${t.percent}%，${formatYuan(t.amountFen)} 元${t.paidAt ? '（已拨付）' : ''}`,
        ]),
      },
      {
        paragraph:
          '四、评价与监督。第三方评估机构按指标体系开展事中评价和事后评估，包括实地查看和居民满意度抽样调查；' +
          '乙方应当如实提供服务台账等资料，并按整改要求限期整改。',
      },
    ],
    footer: `本合同文本由邻里社区治理平台生成，合同编号 ${no}。`,
  });
}
