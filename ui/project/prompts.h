#pragma once
// The questions and warnings the project layer puts to the user, behind an interface so that tests
// can answer them and check the messages (the main window answers with dialogs).

#include <QString>

namespace florence::ui {

/// How an import treats images that already have annotations.
enum class ImportMode {
    Add,     ///< keep existing annotations, add the imported ones
    Replace, ///< replace the annotations of the matched images
    Cancel,
};

/// User interaction needed by ProjectController. Implementations must not throw.
class Prompts
{
public:
    virtual ~Prompts() = default;
    /// Shows a warning (a message naming the file and the problem).
    virtual void warning(const QString &title, const QString &text) = 0;
    /// Asks where to save the project after saving to `failedPath` failed (`reason`); returns the
    /// chosen file path, empty when the user declines.
    virtual QString chooseProjectLocation(const QString &failedPath, const QString &reason) = 0;
    /// Asks whether an import adds to or replaces the annotations of `images` images that have some.
    virtual ImportMode askImportMode(int images) = 0;
    /// Shows a report the user should read, e.g. an export's summary (`details`: the core's
    /// plain-text summary). The default shows nothing.
    virtual void report(const QString &title, const QString &text, const QString &details)
    {
        Q_UNUSED(title);
        Q_UNUSED(text);
        Q_UNUSED(details);
    }
};

} // namespace florence::ui
