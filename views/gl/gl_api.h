// The one place app/ and views/ get OpenGL from: the 3.3 core profile prototypes, which Linux's libGL
// exports directly, so no loader library is needed.
#pragma once

#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/glcorearb.h>
