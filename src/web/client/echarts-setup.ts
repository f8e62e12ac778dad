// ECharts with the charts and components the console uses, registered once. Importing `echarts` from here
// (not from 'echarts/core') guarantees the geo component is in place before a page registers its map, so 地图
// draws when it is the first page opened.
import { BarChart, EffectScatterChart, HeatmapChart, LineChart, MapChart, PieChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, HeatmapChart, LineChart, MapChart, PieChart, ScatterChart, EffectScatterChart, GeoComponent, GridComponent,
  LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };
