#pragma once
// Icons compiled into florence_ui, and the translators the application loads at start-up.

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace florence::ui {

/// Registers the icon resources of the static florence_ui library (call before using ":/icons/...").
/// Safe to call more than once.
void initResources();

/// QSettings key of the language chosen in View ▸ Language ("" = follow the system).
inline const char *kLanguageSettingKey = "ui/language";

/// Languages the application ships full translations for, as locale names ("de", "zh_CN").
QStringList availableTranslations();

/// Installs the translators for the chosen language (View ▸ Language, stored in QSettings) or the
/// system locale: the application's (":/i18n/florence_studio_<lang>.qm", embedded by
/// qt_add_translations) and Qt's own when installed. Returns the language used ("en" when none
/// matched). Call after QCoreApplication and its organization/application names exist.
QString installTranslators(QCoreApplication &app);

} // namespace florence::ui
