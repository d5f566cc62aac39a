// Whether a GL context is current on this thread. GL objects owned by views are deleted in destructors that
// may run after the window (and its context) is gone at exit; then there is nothing left to delete.
#pragma once

namespace attend::views::gl {

bool has_current_context();

// True under a software rasterizer (Mesa llvmpipe, softpipe, SWR): every shaded pixel costs CPU time there,
// multisampling about ten times more.
bool is_software_renderer();

}  // namespace attend::views::gl
