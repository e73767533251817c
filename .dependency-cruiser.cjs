// The layers, drawn from the imports: domain ← event-store ← projections ← application (and auth) ← app ← apps.
// An import against that direction, from one app into another, or any cycle fails `npm run lint`.
// `npx depcruise apps libs --config .dependency-cruiser.cjs --output-type dot | dot -T svg` draws the graph.
const LAYERS = ['domain', 'event-store', 'projections', 'application|auth', 'app'];

const layerRules = LAYERS.map((layer, index) => ({
  name: `layer-${layer.split('|')[0]}`,
  comment: `libs/${layer} may import only the layers below it: ${LAYERS.slice(0, index).join(', ') || 'nothing'}`,
  severity: 'error',
  from: { path: `^libs/(${layer})/` },
  to: { path: `^(libs/(${LAYERS.slice(index + 1).join('|') || '$^'})/|apps/)` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'modules import each other in a ring: break it by moving what both need below them',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'apps-stay-apart',
      comment: 'an app does not reach into another app: what two apps share belongs in a library',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-unresolvable',
      comment: 'an import that resolves to nothing',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    // apps/web is the browser console: it imports no server code (its own tsconfig keeps it apart).
    exclude: { path: '^(dist|node_modules|apps/web)/' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.json'],
      conditionNames: ['import', 'require', 'node', 'default'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
