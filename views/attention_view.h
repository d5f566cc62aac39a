// The attention lab (issue #6), the app's flagship view "attention": the engine's transformers (and RNNs)
// training live on copy, reverse, sort, digits→words and a character LM, with attention shown stage by stage,
// every head at once, masks, cross-attention, the person's own input, positional encodings, recurrence vs
// attention and the √d experiment. Lessons reach it through configure/query (attention_view_api.cpp lists
// the keys).
#pragma once

#include "views/view.h"

namespace attend::views {

View make_attention_view();

}  // namespace attend::views
