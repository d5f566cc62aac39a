#include "app/view_list.h"

#include "views/attention_view.h"
#include "views/classic_view.h"
#include "views/curves_view.h"
#include "views/embeddings_view.h"
#include "views/gallery_view.h"
#include "views/playground_view.h"
#include "views/surface_view.h"

namespace attend::app {

// The order of the Views menu and the home screen: the flagship first, the gallery (a check of the display) last.
std::vector<views::View> make_views() {
  std::vector<views::View> v;
  v.push_back(views::make_attention_view());
  v.push_back(views::make_playground_view());
  v.push_back(views::make_curves_view());
  v.push_back(views::make_embeddings_view());
  v.push_back(views::make_surface_view());
  v.push_back(views::make_classic_view());
  v.push_back(views::make_gallery_view());
  return v;
}

}  // namespace attend::app
