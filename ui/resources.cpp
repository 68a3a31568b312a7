#include "resources.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initFlorenceUiResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace florence::ui {

void initResources()
{
    static const bool done = [] {
        initFlorenceUiResources();
        return true;
    }();
    Q_UNUSED(done);
}

QStringList availableTranslations()
{
    return {QStringLiteral("de"), QStringLiteral("zh_CN")};
}

QString installTranslators(QCoreApplication &app)
{
    initResources();
    const QString chosen = QSettings().value(QLatin1String(kLanguageSettingKey)).toString();
    const QLocale locale = chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
    // Qt's own strings (file dialogs, message-box buttons) from Debian's qt6-translations-l10n,
    // also for languages Florence Studio itself is not translated to.
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    else
        delete qtTranslator;
    auto *translator = new QTranslator(&app);
    // Tries florence_studio_zh_CN, florence_studio_zh, ... for each of the locale's UI languages.
    // English has a plural-forms-only file ("1 shape", "2 shapes"; the source texts say "shape(s)").
    if (!translator->load(locale, QStringLiteral("florence_studio"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete translator;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(translator);
    if (!chosen.isEmpty())
        QLocale::setDefault(locale);
    return translator->language();
}

} // namespace florence::ui
