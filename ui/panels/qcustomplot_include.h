#pragma once
// Includes <qcustomplot.h> in a QT_NO_KEYWORDS build: the header uses the `signals`, `slots` and
// `foreach` keywords, which QT_NO_KEYWORDS removes; they are mapped to the Q_ macros around it.

#define signals Q_SIGNALS
#define slots Q_SLOTS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef foreach
