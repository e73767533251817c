/** Each office's life as the client sends it; keys make every step safe to resend. */
export function officeLife(officeId: string) {
  return [
    {
      path: '/offices',
      key: `${officeId}-register`,
      body: {
        officeId,
        name: '唐河县人民政府驻郑州办事处',
        sponsorUnitId: 'henan.nanyang.tanghe',
        hostCityId: 'zhengzhou',
        staff: [{ staffId: 's-1', name: '孙磊' }],
      },
    },
    {
      path: `/offices/${officeId}/abolition`,
      key: `${officeId}-abolish`,
      body: { decisionReference: '唐政〔2015〕8号' },
    },
    {
      path: `/offices/${officeId}/staff-placements`,
      key: `${officeId}-place`,
      body: { staffId: 's-1', placement: 'returned-to-sponsor', destination: '唐河县政府办' },
    },
    { path: `/offices/${officeId}/closure`, key: `${officeId}-close`, body: {} },
  ];
}
