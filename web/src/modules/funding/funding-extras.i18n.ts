/**
 * Texts of application attachments, the ledger's project links and the residents' satisfaction
 * sample, mounted as `fundingExtras` in the catalogues; en-US must have the same keys.
 */
export const fundingExtrasZhCN = {
  attachments: {
    title: '附件',
    hint: '可上传实施方案、预算说明、资质证明等材料（PDF、图片、Word、Excel），提交后不能再增删',
    saveFirst: '保存草稿后，可在申报详情中上传附件',
    upload: '上传附件',
    filename: '文件',
    size: '大小',
    uploadedBy: '上传',
    delete: '删除',
    deleteNamed: '删除附件 {{name}}',
    deleteConfirm: '删除附件“{{name}}”？',
    uploaded: '已上传 {{name}}',
    deleted: '已删除',
    empty: '没有附件',
    emptyEditable: '还没有附件，点击“上传附件”添加',
  },
  ledger: {
    tranche: '第 {{seq}} 笔拨付',
    openContract: '查看合同：{{title}}',
  },
  area: {
    hint: '多领域资金的预算和余额计入它覆盖的每个领域，各领域相加会超过合计',
  },
  feedback: {
    title: '项目满意度评价',
    subtitle: '本社区正在接受第三方评估的服务项目，请说说您的感受；每次评估每人评价一次',
    empty: '您所在社区目前没有正在评估的项目',
    organization: '承接组织',
    term: '服务期限',
    round: '{{kind}}（第 {{round}} 次）',
    answer: '您的评价',
    comment: '意见和建议（选填）',
    submit: '提交评价',
    submitted: '感谢您的评价',
    answered: '您已评价：{{answer}}',
    required: '请选择满意程度',
    tallyTitle: '居民满意度评价',
    tallyHint: '本社区居民在线评价的汇总；满意人数按“满意 + 基本满意”计算，可作为本次抽样结果',
    noOpen: '项目当前不在评估期，暂无本次评价',
    useTally: '以此作为满意度抽样',
    roundsTitle: '历次评价',
    comments: '居民意见',
    total: '合计 {{total}} 人',
  },
};

export const fundingExtrasEnUS: typeof fundingExtrasZhCN = {
  attachments: {
    title: 'Attachments',
    hint: 'Upload the plan, budget notes, certificates (PDF, images, Word, Excel); none can be added or removed after submission',
    saveFirst: 'Save the draft first; then add attachments in the application details',
    upload: 'Upload attachment',
    filename: 'File',
    size: 'Size',
    uploadedBy: 'Uploaded',
    delete: 'Delete',
    deleteNamed: 'Delete attachment {{name}}',
    deleteConfirm: 'Delete the attachment “{{name}}”?',
    uploaded: 'Uploaded {{name}}',
    deleted: 'Deleted',
    empty: 'No attachments',
    emptyEditable: 'No attachments yet; click “Upload attachment” to add one',
  },
  ledger: {
    tranche: 'Payment tranche {{seq}}',
    openContract: 'Open the contract: {{title}}',
  },
  area: {
    hint: 'A fund kept for several areas counts its budget and balance under each of them; the areas add up to more than the total',
  },
  feedback: {
    title: 'Project satisfaction',
    subtitle:
      'Projects in your community under third-party evaluation: tell us how they serve you; one answer per evaluation',
    empty: 'No project in your community is under evaluation now',
    organization: 'Organization',
    term: 'Term',
    round: '{{kind}} (round {{round}})',
    answer: 'Your answer',
    comment: 'Comments (optional)',
    submit: 'Submit',
    submitted: 'Thank you for your answer',
    answered: 'You answered: {{answer}}',
    required: 'Choose how satisfied you are',
    tallyTitle: 'Residents’ satisfaction',
    tallyHint:
      'Answers residents gave online; satisfied counts “satisfied” and “mostly satisfied”, usable as this evaluation’s sample',
    noOpen: 'The project is not under evaluation now; no answers for this round',
    useTally: 'Use as the satisfaction sample',
    roundsTitle: 'Earlier rounds',
    comments: 'Residents’ comments',
    total: '{{total}} in all',
  },
};
