// The plots driven like a person would: laid out in a real ImGui frame (no GL), hovered, clicked, dragged,
// and exported as SVG.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "views/imgui_fixture.h"
#include "views/plot/bar_chart.h"
#include "views/plot/heatmap.h"
#include "views/plot/line_plot.h"
#include "views/plot/plot_2d.h"

using namespace attend::views;
using namespace attend::views::plot;

namespace {

int count(const std::string& s, const std::string& what) {
  int n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

struct Curves {
  std::vector<double> x, a, b;
  Curves() {
    for (int i = 0; i <= 100; ++i) {
      x.push_back(i);
      a.push_back(10 - 0.05 * i);
      b.push_back(2 + 0.01 * i);
    }
  }
  LinePlot plot() const {
    LinePlot p;
    p.x.label = "step";
    p.y.label = "loss";
    p.series.push_back({"run a", x, a});
    p.series.push_back({"run b", x, b});
    return p;
  }
};

}  // namespace

TEST_CASE("line plot: hover finds the curve under the mouse, and a click reports its x") {
  test::ImGuiFixture f;
  Curves c;
  const LinePlot p = c.plot();
  LinePlotState st;
  LinePlotResult r;
  auto draw = [&] { f.frame([&] { r = draw_line_plot(f.ctx, "curves", p, ImVec2(600, 300), &st); }); };
  f.mouse(ImVec2(-100, -100));
  draw();
  const Frame fr = r.frame;
  CHECK(fr.area_max.x - fr.area_min.x > 400);
  // The point of run b at step 40, on screen.
  const ImVec2 q = fr.to_px(40, c.b[40]);
  f.mouse(ImVec2(q.x, q.y + 2));
  draw();
  CHECK(r.hovered);
  CHECK(r.hover_series == 1);
  CHECK(r.hover_index == 40);
  CHECK(r.hover_x == doctest::Approx(40).epsilon(0.02));
  f.mouse(ImVec2(q.x, q.y + 2), true);
  draw();
  f.mouse(ImVec2(q.x, q.y + 2), false);
  draw();
  CHECK(r.clicked);
  CHECK(r.clicked_series == 1);
  CHECK(r.clicked_x == 40);
}

TEST_CASE("line plot: the legend hides and pins runs, a drag zooms, a double click resets") {
  test::ImGuiFixture f;
  Curves c;
  const LinePlot p = c.plot();
  LinePlotState st;
  LinePlotResult r;
  auto draw = [&] { f.frame([&] { r = draw_line_plot(f.ctx, "curves", p, ImVec2(600, 300), &st); }); };
  f.mouse(ImVec2(-100, -100));
  draw();
  // Click the legend's first row: find it by scanning for where hovering changes nothing in the plot but a
  // click toggles "run a". The legend sits in a corner of the data area; try the four corners' first rows.
  const Frame fr = r.frame;
  bool toggled = false;
  for (ImVec2 corner : {ImVec2(fr.area_max.x - 30, fr.area_min.y + 16), ImVec2(fr.area_min.x + 30, fr.area_min.y + 16),
                        ImVec2(fr.area_max.x - 30, fr.area_max.y - 36), ImVec2(fr.area_min.x + 30, fr.area_max.y - 36)}) {
    f.mouse(corner);
    draw();
    f.mouse(corner, true);
    draw();
    f.mouse(corner, false);
    draw();
    if (!st.hidden.empty()) {
      toggled = true;
      break;
    }
  }
  REQUIRE(toggled);
  CHECK(st.hidden == std::vector<std::string>{"run a"});
  // With run a hidden the y range fits run b alone (2..3), not 5..10.
  draw();
  CHECK(r.frame.y.hi < 4);
  st.hidden.clear();

  // Box zoom: drag across the middle of the data area.
  draw();
  const Frame g = r.frame;
  const ImVec2 a(g.x.to_px(20), g.y.to_px(9)), b(g.x.to_px(60), g.y.to_px(3));
  f.mouse(a);
  draw();
  f.mouse(a, true);
  draw();
  for (int i = 1; i <= 4; ++i) {
    f.mouse(ImVec2(a.x + (b.x - a.x) * i / 4, a.y + (b.y - a.y) * i / 4), true);
    draw();
  }
  f.mouse(b, false);
  draw();
  REQUIRE(st.zoomed);
  CHECK(st.zoom_x.lo == doctest::Approx(20).epsilon(0.02));
  CHECK(st.zoom_x.hi == doctest::Approx(60).epsilon(0.02));
  CHECK(st.zoom_y.lo == doctest::Approx(3).epsilon(0.02));
  CHECK(st.zoom_y.hi == doctest::Approx(9).epsilon(0.02));
  draw();
  CHECK(r.frame.x.lo == doctest::Approx(20).epsilon(0.02));
}

TEST_CASE("line plot: log axes skip values they cannot show, NaN breaks the line") {
  test::ImGuiFixture f;
  const std::vector<double> x = {1e-4, 1e-3, 1e-2, 1e-1, 0.3, 1};
  const std::vector<double> y = {0.5, 0.1, NAN, 0.02, 0.03, -1};
  LinePlot p;
  p.x.scale = AxisScale::Log;
  p.y.scale = AxisScale::Log;
  p.series.push_back({"sweep", x, y});
  LinePlotResult r;
  f.frame([&] { r = draw_line_plot(f.ctx, "log", p, ImVec2(500, 300)); });
  CHECK(r.frame.x.log);
  CHECK(r.frame.y.lo > 0);
  CHECK(r.frame.y.lo < 0.02);
  CHECK(r.frame.y.hi > 0.5);
  const std::string svg = line_plot_svg(f.ctx, p, ImVec2(500, 300), nullptr);
  CHECK(count(svg, "<polyline") >= 2);  // two pieces: the NaN splits the curve (and -1 is off a log axis)
}

TEST_CASE("line plot export: SVG keeps the legend and labels as text, and CSV lists every point") {
  test::ImGuiFixture f;
  Curves c;
  LinePlot p = c.plot();
  p.smoothing = 0.5;
  p.markers.push_back({50, "lr drop"});
  LinePlotState st;
  st.hidden = {"run b"};
  const std::string svg = line_plot_svg(f.ctx, p, ImVec2(640, 360), &st);
  CHECK(svg.rfind("<?xml", 0) == 0);
  CHECK(svg.find("</svg>") != std::string::npos);
  CHECK(count(svg, ">run a</text>") == 1);
  CHECK(count(svg, ">run b</text>") == 1);  // hidden runs stay in the legend (struck through)
  CHECK(count(svg, ">lr drop</text>") == 1);
  CHECK(count(svg, ">step</text>") == 1);
  CHECK(count(svg, "<g clip-path") == count(svg, "</g>"));
  const std::string csv = line_plot_csv(p);
  CHECK(csv.rfind("series,x,y,smoothed,band_lo,band_hi\n", 0) == 0);
  CHECK(count(csv, "\n") == 1 + 2 * 101);
  CHECK(csv.find("run a,0,10,10,,\n") != std::string::npos);
}

TEST_CASE("heatmap: hovering and clicking a cell reports it, and labels and masks export") {
  test::ImGuiFixture f;
  const int R = 5, C = 6;
  std::vector<float> v(R * C);
  std::vector<uint8_t> mask(R * C, 0);
  for (int r = 0; r < R; ++r)
    for (int c = 0; c < C; ++c) v[r * C + c] = static_cast<float>(r * 10 + c);
  mask[0 * C + 5] = 1;
  Heatmap h;
  h.values = Grid(v.data(), R, C);
  h.row_labels = {"a", "b", "c", "d", "e"};
  h.col_labels = {"u", "v", "w", "x", "y", "z"};
  h.mask = mask.data();
  h.colorbar_label = "value";
  HeatmapResult r;
  auto draw = [&] { f.frame([&] { r = draw_heatmap(f.ctx, "hm", h, ImVec2(500, 400)); }); };
  f.mouse(ImVec2(-100, -100));
  draw();
  const Frame fr = r.frame;
  const float cw = (fr.area_max.x - fr.area_min.x) / C, ch = (fr.area_max.y - fr.area_min.y) / R;
  CHECK(cw == doctest::Approx(ch).epsilon(0.02));  // square cells
  const ImVec2 cell(fr.area_min.x + cw * 3.5f, fr.area_min.y + ch * 2.5f);
  f.mouse(cell);
  draw();
  CHECK(r.hovered);
  CHECK(r.row == 2);
  CHECK(r.col == 3);
  CHECK(r.value == 23);
  f.mouse(cell, true);
  draw();
  f.mouse(cell, false);
  draw();
  CHECK(r.clicked);
  // The scale ignores the masked cell (value 5 would not change it here, but a masked -inf must not).
  v[0 * C + 5] = -INFINITY;
  const ColorScale s = heatmap_scale(h);
  CHECK(s.lo == 0);
  CHECK(s.hi == 45);
  const std::string svg = heatmap_svg(f.ctx, h, ImVec2(500, 400));
  CHECK(count(svg, ">c</text>") == 1);
  // Thumbnails: no labels, and the cells take the room the labels had.
  Heatmap thumb = h;
  thumb.labels = false;
  thumb.colorbar = false;
  thumb.cell_text = CellText::Never;
  CHECK(count(heatmap_svg(f.ctx, thumb, ImVec2(500, 400)), "<text") == 0);
  CHECK(count(svg, ">value</text>") == 1);
  CHECK(count(svg, "<rect") >= R * C);
}

TEST_CASE("2-D plot: nearest point on hover and click, wheel zoom about the mouse, double click resets") {
  test::ImGuiFixture f;
  const std::vector<double> x = {0, 1, 2, 3}, y = {0, 1, 4, 9};
  const std::vector<int> cls = {0, 1, 0, 1};
  Plot2D p;
  ScatterLayer l;
  l.name = "pts";
  l.x = x;
  l.y = y;
  l.category = cls.data();
  p.scatter.push_back(l);
  Plot2DState st;
  Plot2DResult r;
  auto draw = [&] { f.frame([&] { r = draw_plot_2d(f.ctx, "xy", p, ImVec2(500, 400), &st); }); };
  f.mouse(ImVec2(-100, -100));
  draw();
  const ImVec2 q = r.frame.to_px(2, 4);
  f.mouse(ImVec2(q.x + 3, q.y - 2));
  draw();
  CHECK(r.hover_layer == 0);
  CHECK(r.hover_index == 2);
  f.mouse(ImVec2(q.x + 3, q.y - 2), true);
  draw();
  f.mouse(ImVec2(q.x + 3, q.y - 2), false);
  draw();
  CHECK(r.clicked);
  CHECK(r.clicked_index == 2);
  CHECK(r.clicked_x == doctest::Approx(2).epsilon(0.05));
  // Zoom in around that point: it stays under the mouse.
  const double before = r.frame.x.hi - r.frame.x.lo;
  f.mouse(q, false, false, 2.0f);
  draw();
  f.mouse(q);
  draw();
  CHECK(st.zoomed);
  CHECK(r.frame.x.hi - r.frame.x.lo < before * 0.8);
  const ImVec2 q2 = r.frame.to_px(2, 4);
  CHECK(q2.x == doctest::Approx(q.x).epsilon(0.01));
  CHECK(q2.y == doctest::Approx(q.y).epsilon(0.01));
  // Double click resets.
  for (int i = 0; i < 2; ++i) {
    f.mouse(q, true);
    draw();
    f.mouse(q, false);
    draw();
  }
  CHECK_FALSE(st.zoomed);
}

TEST_CASE("2-D plot: filled contours, arrows and paths export, and field values interpolate") {
  test::ImGuiFixture f;
  const int N = 21;
  std::vector<double> g(N * N);
  for (int r = 0; r < N; ++r)
    for (int c = 0; c < N; ++c) {
      const double x = -1 + 2.0 * c / (N - 1), y = 1 - 2.0 * r / (N - 1);
      g[r * N + c] = x * x + y * y;
    }
  Plot2D p;
  p.field.values = Grid(g.data(), N, N);
  p.field.x = {-1, 1};
  p.field.y = {-1, 1};
  p.field.style = FieldStyle::Filled;
  p.field.contour_count = 5;
  p.field.colorbar = true;
  const std::vector<double> ax = {0.5}, ay = {0.5}, au = {-1}, av = {-1};
  p.arrows = {ax, ay, au, av};
  PathLayer path;
  path.name = "descent";
  path.x = ax;
  path.y = ay;
  p.paths.push_back(path);
  CHECK(field_value_at(p.field, 0, 0) == doctest::Approx(0).epsilon(1e-9));
  CHECK(field_value_at(p.field, 0.5, -0.5) == doctest::Approx(0.5).epsilon(0.01));
  CHECK(std::isnan(field_value_at(p.field, 2, 0)));
  const std::string svg = plot_2d_svg(f.ctx, p, ImVec2(400, 400), nullptr);
  CHECK(count(svg, "<polygon") > 100);  // band triangles
  CHECK(count(svg, ">descent</text>") == 1);
}

TEST_CASE("bar chart: bars start at zero, hover picks the category band") {
  test::ImGuiFixture f;
  BarChart b;
  b.labels = {"mat", "floor", "sofa"};
  const std::vector<double> v = {0.5, 0.3, 0.2};
  b.values = v;
  BarChartResult r;
  auto draw = [&] { f.frame([&] { r = draw_bar_chart(f.ctx, "bars", b, ImVec2(400, 200)); }); };
  f.mouse(ImVec2(-100, -100));
  draw();
  CHECK(r.frame.x.lo == 0);
  const float band = (r.frame.area_max.y - r.frame.area_min.y) / 3;
  f.mouse(ImVec2(r.frame.area_min.x + 5, r.frame.area_min.y + band * 1.5f));
  draw();
  CHECK(r.hovered == 1);
  const std::string svg = bar_chart_svg(f.ctx, b, ImVec2(400, 200));
  CHECK(count(svg, ">sofa</text>") == 1);
  CHECK(count(svg, ">0.5</text>") >= 1);
}

TEST_CASE("plots without data say so, and tiny or huge sizes keep a sane layout") {
  test::ImGuiFixture f;
  LinePlot lp;
  Heatmap hm;
  Plot2D p2;
  BarChart bc;
  for (ImVec2 size : {ImVec2(30, 20), ImVec2(300, 200), ImVec2(4000, 3000)}) {
    CAPTURE(size.x);
    LinePlotResult a;
    HeatmapResult b;
    Plot2DResult c;
    BarChartResult d;
    f.frame([&] {
      a = draw_line_plot(f.ctx, "l", lp, size);
      b = draw_heatmap(f.ctx, "h", hm, size);
      c = draw_plot_2d(f.ctx, "p", p2, size);
      d = draw_bar_chart(f.ctx, "b", bc, size);
    });
    for (const Frame* fr : {&a.frame, &b.frame, &c.frame, &d.frame}) {
      CHECK(fr->area_max.x > fr->area_min.x);
      CHECK(fr->area_max.y > fr->area_min.y);
      CHECK(fr->area_min.x >= fr->outer_min.x);
      if (size.x >= 300) {
        CHECK(fr->area_max.x <= fr->outer_max.x);
        CHECK(fr->area_max.y <= fr->outer_max.y);
      }
    }
  }
  CHECK(count(line_plot_svg(f.ctx, lp, ImVec2(300, 200), nullptr), ">no data yet</text>") == 1);
  CHECK(count(heatmap_svg(f.ctx, hm, ImVec2(300, 200)), ">no data yet</text>") == 1);
  CHECK(count(plot_2d_svg(f.ctx, p2, ImVec2(300, 200), nullptr), ">no data yet</text>") == 1);
  bc.empty_text = "press Run to train";
  CHECK(count(bar_chart_svg(f.ctx, bc, ImVec2(300, 200)), ">press Run to train</text>") == 1);
}

TEST_CASE("line plot: x and y of different lengths (data still arriving) use the shorter") {
  test::ImGuiFixture f;
  const std::vector<double> x = {0, 1, 2, 3, 4, 5}, y = {1, 2, 3};
  LinePlot p;
  p.series.push_back({"growing", x, y});
  CHECK(series_count(p.series[0]) == 3);
  CHECK(nearest_point(p.series[0], 10) == 2);
  LinePlotResult r;
  f.mouse(ImVec2(-100, -100));
  f.frame([&] { r = draw_line_plot(f.ctx, "g", p, ImVec2(400, 300)); });
  CHECK(r.frame.x.hi < 2.5);  // the x range follows the points that exist
  CHECK(line_plot_csv(p).find("growing,3,") == std::string::npos);
}
