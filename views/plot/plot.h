// The plot kit: everything views draw charts with, in one include. All drawing goes through ImDrawList (no
// ImPlot); every plot takes the ViewContext (fonts, palette, UI scale), reads data through Values/Grid without
// copying, returns what the mouse did, and exports to SVG the same picture it draws.
//
//   line_plot.h   runs, smoothing, bands, log axes, wall time, legend pin/hide, hover readout, click -> x
//   heatmap.h     token-labelled matrices, masks, highlighted rows, value text, colour bar; GL texture >= 64x64
//   plot_2d.h     fields (image or filled contours, contour lines), arrows, paths, labelled scatter, zoom/pan
//   bar_chart.h   next-token probabilities and other bars
//   axes.h        axis maps, layout, ticks, legends, colour bars   ticks.h    nice/log/duration ticks, labels
//   color.h       Oklab colour maps (sequential, diverging), categorical colours
//   contour.h     marching squares and filled bands              label_layout.h   overlap-free labels
//   canvas.h      the draw-list/SVG surface                      series.h   EMA smoothing, decimation
//
// The 3-D surface lives in the GL kit: views/gl/surface_renderer.h. views/gallery_view.cpp shows them all.
#pragma once

#include "views/plot/axes.h"
#include "views/plot/bar_chart.h"
#include "views/plot/canvas.h"
#include "views/plot/color.h"
#include "views/plot/contour.h"
#include "views/plot/heatmap.h"
#include "views/plot/label_layout.h"
#include "views/plot/line_plot.h"
#include "views/plot/plot_2d.h"
#include "views/plot/series.h"
#include "views/plot/ticks.h"
#include "views/plot/values.h"
