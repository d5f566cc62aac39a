#include "app/view_list.h"

#include "views/classic_view.h"
#include "views/gallery_view.h"
#include "views/surface_view.h"

namespace attend::app {

std::vector<views::View> make_views() {
  std::vector<views::View> v;
  v.push_back(views::make_gallery_view());
  v.push_back(views::make_surface_view());
  v.push_back(views::make_classic_view());
  return v;
}

}  // namespace attend::app
