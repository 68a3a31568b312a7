#pragma once
// What to do without a model, in one place (top of the Model panel while no model is loaded): the
// Florence-2 models found on the machine (hub cache and added folders) to load with one click,
// Download…, Open Folder… and the full picker.

#include <QFrame>

class QLabel;
class QListWidget;
class QPushButton;

namespace florence::ui {

class ModelFinder;

/// The no-model panel. It scans (off the GUI thread) whenever it is shown.
class NoModelPanel : public QFrame
{
    Q_OBJECT

public:
    explicit NoModelPanel(QWidget *parent = nullptr);

    ModelFinder *finder() const { return m_finder; }
    QListWidget *modelList() const { return m_list; }
    QPushButton *loadButton() const { return m_load; }
    QPushButton *downloadButton() const { return m_download; }
    QPushButton *openFolderButton() const { return m_open; }
    /// Scans again (hub cache and the saved folders).
    void rescan();

Q_SIGNALS:
    void loadRequested(const QString &dir);
    void downloadRequested();
    void openFolderRequested();
    void pickerRequested();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void fill();

    ModelFinder *m_finder;
    QLabel *m_text;
    QListWidget *m_list;
    QPushButton *m_load;
    QPushButton *m_download;
    QPushButton *m_open;
    QPushButton *m_all;
};

} // namespace florence::ui
