#pragma once
// The options dialog of File > Export > <dataset format> (built from core's format registry entry:
// variants, train/val/test split by ratio with a fixed seed or by folder, copying the images) and
// the summary dialog that shows what an export converted or dropped.

#include <QDialog>
#include <QString>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
class QWidget;

namespace florence::formats {
struct FormatInfo;
struct ExportOptions;
} // namespace florence::formats

namespace florence::ui {

/// Asks for the output folder and the options `format` reads (FormatInfo::options).
class DatasetExportDialog : public QDialog
{
    Q_OBJECT

public:
    DatasetExportDialog(const formats::FormatInfo &format, const QString &startFolder, QWidget *parent = nullptr);

    /// The folder the export goes into.
    QString folder() const;
    /// The options as chosen.
    formats::ExportOptions options() const;

    /// Presets for tests and callers: variant name, folder.
    void setVariant(const QString &name);
    void setFolder(const QString &folder);

private:
    void updateSplitWidgets();

    QLineEdit *m_folder = nullptr;
    QComboBox *m_variant = nullptr;
    QComboBox *m_splitMode = nullptr;
    QDoubleSpinBox *m_train = nullptr;
    QDoubleSpinBox *m_val = nullptr;
    QDoubleSpinBox *m_test = nullptr;
    QSpinBox *m_seed = nullptr;
    QCheckBox *m_copyImages = nullptr;
};

/// A dialog with a short headline and a summary text (the export's summary.txt) below it.
QDialog *makeSummaryDialog(QWidget *parent, const QString &title, const QString &text, const QString &details);
/// Shows makeSummaryDialog modally.
void showSummaryDialog(QWidget *parent, const QString &title, const QString &text, const QString &details);

} // namespace florence::ui
