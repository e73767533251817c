import type { HostCity } from './jurisdiction';

/** Every host city the plan's definition covers (一): provincial capitals, 计划单列市 and 经济特区. */
export const HOST_CITIES: readonly HostCity[] = [
  capital('beijing', '北京', 'beijing'),
  capital('tianjin', '天津', 'tianjin'),
  capital('shanghai', '上海', 'shanghai'),
  capital('chongqing', '重庆', 'chongqing'),
  capital('shijiazhuang', '石家庄', 'hebei'),
  capital('taiyuan', '太原', 'shanxi'),
  capital('hohhot', '呼和浩特', 'inner-mongolia'),
  capital('shenyang', '沈阳', 'liaoning'),
  capital('changchun', '长春', 'jilin'),
  capital('harbin', '哈尔滨', 'heilongjiang'),
  capital('nanjing', '南京', 'jiangsu'),
  capital('hangzhou', '杭州', 'zhejiang'),
  capital('hefei', '合肥', 'anhui'),
  capital('fuzhou', '福州', 'fujian'),
  capital('nanchang', '南昌', 'jiangxi'),
  capital('jinan', '济南', 'shandong'),
  capital('zhengzhou', '郑州', 'henan'),
  capital('wuhan', '武汉', 'hubei'),
  capital('changsha', '长沙', 'hunan'),
  capital('guangzhou', '广州', 'guangdong'),
  capital('nanning', '南宁', 'guangxi'),
  capital('haikou', '海口', 'hainan', ['special-economic-zone']),
  capital('chengdu', '成都', 'sichuan'),
  capital('guiyang', '贵阳', 'guizhou'),
  capital('kunming', '昆明', 'yunnan'),
  capital('lhasa', '拉萨', 'tibet'),
  capital('xian', '西安', 'shaanxi'),
  capital('lanzhou', '兰州', 'gansu'),
  capital('xining', '西宁', 'qinghai'),
  capital('yinchuan', '银川', 'ningxia'),
  capital('urumqi', '乌鲁木齐', 'xinjiang'),
  { id: 'dalian', name: '大连', provinceId: 'liaoning', kinds: ['separately-planned-city'] },
  { id: 'qingdao', name: '青岛', provinceId: 'shandong', kinds: ['separately-planned-city'] },
  { id: 'ningbo', name: '宁波', provinceId: 'zhejiang', kinds: ['separately-planned-city'] },
  {
    id: 'xiamen',
    name: '厦门',
    provinceId: 'fujian',
    kinds: ['separately-planned-city', 'special-economic-zone'],
  },
  {
    id: 'shenzhen',
    name: '深圳',
    provinceId: 'guangdong',
    kinds: ['separately-planned-city', 'special-economic-zone'],
  },
  { id: 'zhuhai', name: '珠海', provinceId: 'guangdong', kinds: ['special-economic-zone'] },
  { id: 'shantou', name: '汕头', provinceId: 'guangdong', kinds: ['special-economic-zone'] },
  { id: 'kashgar', name: '喀什', provinceId: 'xinjiang', kinds: ['special-economic-zone'] },
  { id: 'horgos', name: '霍尔果斯', provinceId: 'xinjiang', kinds: ['special-economic-zone'] },
];

function capital(id: string, name: string, provinceId: string, more: HostCity['kinds'] = []): HostCity {
  return { id, name, provinceId, kinds: ['provincial-capital', ...more] };
}
