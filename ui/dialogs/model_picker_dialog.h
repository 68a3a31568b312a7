#pragma once
// Model ▸ Choose Model…: every Florence-2 model folder on the machine — the Hugging Face hub cache
// (what Python users already have) and folders the user added — with variant, layout, parameters,
// dtype and size on disk, scanned off the GUI thread (ModelFinder). Also the way to Download… and
// to any other folder.

#include <QDialog>
#include <QStringList>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace florence::ui {

class ModelFinder;

/// The model picker. Accepting it means: load selectedDir().
class ModelPickerDialog : public QDialog
{
    Q_OBJECT

public:
    /// `hubDir` empty: the environment's hub cache. `folders`: the added folders (they are saved in
    /// the settings when changed here).
    ModelPickerDialog(const QString &hubDir, const QStringList &folders, QWidget *parent = nullptr);

    /// The folder of the selected model, empty when none.
    QString selectedDir() const;
    /// Selects the row of `dir`; false when it is not listed.
    bool selectDir(const QString &dir);
    /// Adds a folder to scan (a model folder or a folder of them) and rescans.
    void addFolder(const QString &folder);
    /// Scans again (the dialog starts scanning when it is created).
    void rescan();
    /// Marks `dir` as the model loaded now.
    void setCurrentDir(const QString &dir) { m_current = dir; }

    ModelFinder *finder() const { return m_finder; }
    QTreeWidget *table() const { return m_table; }
    QPushButton *loadButton() const { return m_load; }
    QLabel *summaryLabel() const { return m_summary; }

    /// Columns of the table.
    enum Column { ColName, ColVariant, ColLayout, ColParameters, ColDtype, ColSize, ColWhere, ColCount };

Q_SIGNALS:
    /// A scan finished and the table shows its models.
    void listed();
    /// Download… was clicked (the dialog closes; the caller opens the download dialog).
    void downloadRequested();

private:
    void fill();
    void chooseFolder();
    void removeFolder();
    void updateButtons();

    ModelFinder *m_finder;
    QString m_current;
    QTreeWidget *m_table;
    QLabel *m_summary;
    QLabel *m_details;
    QPushButton *m_load;
    QPushButton *m_removeFolder;
};

} // namespace florence::ui
