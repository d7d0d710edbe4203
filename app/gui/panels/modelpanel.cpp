#include "gui/panels/modelpanel.h"

#include "common/errortext.h"

#include "core/error.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <cmath>

namespace attn::gui {

ModelPanel::ModelPanel(QWidget *parent) : QWidget(parent)
{
    auto spin = [this](int min, int max, int value, int step = 1) {
        auto *s = new QSpinBox(this);
        s->setRange(min, max);
        s->setSingleStep(step);
        s->setValue(value);
        connect(s, &QSpinBox::valueChanged, this, &ModelPanel::validate);
        return s;
    };
    m_kind = new QComboBox(this);
    for (const std::string &k : attn::modelSpecKinds())
        m_kind->addItem(QString(), QString::fromStdString(k));
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        updateRows();
        validate();
        emit kindChanged(kind());
    });
    m_attention = new QComboBox(this);
    for (const char *a : {"additive", "dot", "general", "scaled-dot"})
        m_attention->addItem(QString(), QString::fromLatin1(a));
    m_rnn = new QComboBox(this);
    // Index 0 is the classifier's Transformer encoder; seq2seq-rnn hides it.
    for (const char *r : {"", "gru", "lstm"})
        m_rnn->addItem(QString(), QString::fromLatin1(r));
    connect(m_rnn, &QComboBox::currentIndexChanged, this, [this] {
        updateRows();
        validate();
    });
    m_teacherForcing = new QDoubleSpinBox(this);
    m_teacherForcing->setRange(0.0, 1.0);
    m_teacherForcing->setSingleStep(0.1);
    m_teacherForcing->setDecimals(2);
    m_teacherForcing->setValue(1.0);
    m_layers = spin(1, 12, 2);
    m_heads = spin(1, 16, 4);
    m_dModel = spin(8, 1024, 64, 8);
    m_context = spin(4, 1024, 32);
    m_dropout = new QDoubleSpinBox(this);
    m_dropout->setRange(0.0, 0.9);
    m_dropout->setSingleStep(0.05);
    m_dropout->setDecimals(2);
    m_norm = new QComboBox(this);
    m_norm->addItems({QString(), QString()});
    m_positions = new QComboBox(this);
    m_positions->addItems({QString(), QString()});
    m_scaling = new QComboBox(this);
    m_scaling->addItems({QString(), QString()});

    m_lr = new QDoubleSpinBox(this);
    m_lr->setDecimals(5);
    m_lr->setRange(0.00001, 1.0);
    m_lr->setSingleStep(0.0005);
    m_lr->setValue(0.003);
    connect(m_lr, &QDoubleSpinBox::valueChanged, this, &ModelPanel::learningRateChanged);
    m_schedule = new QComboBox(this);
    m_schedule->addItems({QString(), QString()});
    m_batch = spin(1, 512, 32);
    m_steps = spin(1, 1000000, 600, 100);
    m_steps->setObjectName(QStringLiteral("steps"));
    m_seed = spin(0, 1000000, 1);

    m_params = new QLabel(this);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_apply = new QPushButton(this);
    connect(m_apply, &QPushButton::clicked, this, &ModelPanel::applyRequested);

    m_form = new QFormLayout;
    for (QWidget *w : std::initializer_list<QWidget *>{
             m_kind, m_attention, m_rnn, m_teacherForcing, m_layers, m_heads, m_dModel, m_context,
             m_dropout, m_norm, m_positions, m_scaling, m_lr, m_schedule, m_batch, m_steps, m_seed})
        m_form->addRow(new QLabel(this), w);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_params);
    layout->addWidget(m_error);
    layout->addWidget(m_apply);
    layout->addStretch(1);
    retranslateUi();
    updateRows();
    validate();
}

attn::ModelSpec ModelPanel::modelSpec() const
{
    attn::ModelSpec c;
    c.kind = kind().toStdString();
    c.layers = m_layers->value();
    c.heads = m_heads->value();
    c.dModel = m_dModel->value();
    c.dropout = float(m_dropout->value());
    if (!isRecurrent())
        c.sinusoidal = m_positions->currentIndex() == 1;
    if (c.kind == "lm") {
        c.context = m_context->value();
        c.postNorm = m_norm->currentIndex() == 1;
        c.unscaled = m_scaling->currentIndex() == 1;
    } else if (c.kind == "seq2seq-rnn") {
        c.attention = m_attention->currentData().toString().toStdString();
        c.rnn = m_rnn->currentIndex() == 2 ? "lstm" : "gru";
        c.teacherForcing = float(m_teacherForcing->value());
    } else if (c.kind == "classifier") {
        c.rnn = m_rnn->currentData().toString().toStdString();
    }
    return c;
}

QString ModelPanel::kind() const
{
    return m_kind->currentData().toString();
}

void ModelPanel::setKind(const QString &kind)
{
    const int i = m_kind->findData(kind);
    if (i >= 0)
        m_kind->setCurrentIndex(i);
}

bool ModelPanel::isRecurrent() const
{
    // The RNN encoder-decoder, or a classifier whose encoder is a BiGRU/BiLSTM (index 0 of
    // the encoder list is the Transformer).
    return kind() == QLatin1String("seq2seq-rnn") ||
           (kind() == QLatin1String("classifier") && m_rnn->currentIndex() > 0);
}

void ModelPanel::updateRows()
{
    const QString k = kind();
    const bool lm = k == QLatin1String("lm");
    const bool rnnSeq2seq = k == QLatin1String("seq2seq-rnn");
    const bool classifier = k == QLatin1String("classifier");
    if (rnnSeq2seq && m_rnn->currentIndex() == 0)
        m_rnn->setCurrentIndex(1); // a recurrent encoder: GRU by default
    const bool recurrent = isRecurrent();
    m_form->setRowVisible(m_attention, rnnSeq2seq);
    m_form->setRowVisible(m_rnn, rnnSeq2seq || classifier);
    m_form->setRowVisible(m_teacherForcing, rnnSeq2seq);
    m_form->setRowVisible(m_layers, !recurrent);
    m_form->setRowVisible(m_heads, !recurrent);
    m_form->setRowVisible(m_context, lm);
    for (QWidget *w : std::initializer_list<QWidget *>{m_norm, m_scaling})
        m_form->setRowVisible(w, lm);
    m_form->setRowVisible(m_positions, !recurrent); // every Transformer
    // The classifier's Transformer encoder is not an encoder for seq2seq-rnn.
    if (auto *model = qobject_cast<QStandardItemModel *>(m_rnn->model()))
        if (QStandardItem *item = model->item(0))
            item->setEnabled(classifier);
    retranslateUi();
}

attn::TrainerConfig ModelPanel::trainerConfig() const
{
    attn::TrainerConfig t;
    t.steps = m_steps->value();
    t.learningRate = float(m_lr->value());
    if (m_schedule->currentIndex() == 1)
        t.schedule = attn::LrSchedule::warmupCosine(std::max(1, m_steps->value() / 10),
                                                    m_steps->value(), 0.1f);
    t.evalEvery = std::max(10, m_steps->value() / 30);
    t.seed = std::uint64_t(m_seed->value());
    return t;
}

int ModelPanel::batchSize() const
{
    return m_batch->value();
}

std::uint64_t ModelPanel::seed() const
{
    return std::uint64_t(m_seed->value());
}

QString ModelPanel::problem() const
{
    if (!isRecurrent() && m_dModel->value() % m_heads->value() != 0)
        return tr("The model width (%1) must be divisible by the number of heads (%2): each "
                  "head gets an equal slice.")
            .arg(m_dModel->value())
            .arg(m_heads->value());
    try {
        modelSpec().validate();
    } catch (const attn::Error &e) {
        return attn::errorText(e);
    }
    return QString();
}

void ModelPanel::validate()
{
    const QString p = problem();
    m_error->setText(p);
    m_error->setVisible(!p.isEmpty());
    m_apply->setEnabled(p.isEmpty());
}

void ModelPanel::setModelSpec(const attn::ModelSpec &c)
{
    setKind(QString::fromStdString(c.kind));
    if (c.kind == "seq2seq-rnn" || c.kind == "classifier")
        m_rnn->setCurrentIndex(std::max(0, m_rnn->findData(QString::fromStdString(c.rnn))));
    if (!c.attention.empty())
        m_attention->setCurrentIndex(
            std::max(0, m_attention->findData(QString::fromStdString(c.attention))));
    m_teacherForcing->setValue(c.teacherForcing);
    m_layers->setValue(c.layers);
    m_heads->setValue(c.heads);
    m_dModel->setValue(c.dModel);
    if (c.context > 0)
        m_context->setValue(c.context);
    m_dropout->setValue(c.dropout);
    m_norm->setCurrentIndex(c.postNorm ? 1 : 0);
    m_positions->setCurrentIndex(c.sinusoidal ? 1 : 0);
    m_scaling->setCurrentIndex(c.unscaled ? 1 : 0);
    updateRows();
}

void ModelPanel::setParameterCount(long long count)
{
    m_paramCount = count;
    retranslateUi();
}

void ModelPanel::setTrainingActive(bool active)
{
    for (QWidget *w : std::initializer_list<QWidget *>{
             m_kind, m_attention, m_rnn, m_teacherForcing, m_layers, m_heads, m_dModel, m_context,
             m_dropout, m_norm, m_positions, m_scaling, m_schedule, m_batch, m_steps, m_seed})
        w->setEnabled(!active);
    m_apply->setEnabled(!active && problem().isEmpty());
}

void ModelPanel::retranslateUi()
{
    struct Row {
        QWidget *field;
        QString label, tip;
    };
    const bool recurrent = isRecurrent();
    const Row rows[] = {
        {m_kind, tr("Model"),
         tr("What the model learns: to continue text (language model), to turn one sequence "
            "into another (encoder-decoder), or to label a text (classifier).")},
        {m_attention, tr("Attention"),
         tr("How the decoder scores each source position: additive (Bahdanau), dot or general "
            "(Luong), or scaled dot.")},
        {m_rnn, tr("Encoder"),
         tr("The network that reads the text: a Transformer, or a bidirectional GRU or LSTM.")},
        {m_teacherForcing, tr("Teacher forcing"),
         tr("Share of training steps where the decoder is fed the true previous token instead "
            "of its own guess.")},
        {m_layers, tr("Layers"),
         tr("How many Transformer blocks (attention + feed-forward) are stacked.")},
        {m_heads, tr("Heads"),
         tr("Attention heads per layer: each looks at the sequence with its own queries and "
            "keys.")},
        {m_dModel, recurrent ? tr("Hidden units") : tr("Width (d_model)"),
         recurrent ? tr("Size of the recurrent state in each direction.")
                   : tr("Size of each token's vector; split evenly between the heads.")},
        {m_context, tr("Context"), tr("The longest sequence the model reads at once, in tokens.")},
        {m_dropout, tr("Dropout"),
         tr("Fraction of activations zeroed at random while training, to reduce overfitting.")},
        {m_norm, tr("LayerNorm"),
         tr("Pre-LN normalises before each sublayer (GPT-2); post-LN after the residual sum "
            "(original Transformer).")},
        {m_positions, tr("Positions"),
         tr("How token order is encoded: learned vectors (GPT-2) or fixed sinusoids (Vaswani et "
            "al.).")},
        {m_scaling, tr("Scores"),
         tr("Divide q·k by √d_k (standard) or not, to see why the scaling keeps softmax from "
            "saturating.")},
        {m_lr, tr("Learning rate"),
         tr("Step size of the optimizer (AdamW); changes apply at the next step, even while "
            "training.")},
        {m_schedule, tr("Schedule"),
         tr("Keep the learning rate constant, or warm it up and then decay it along a cosine.")},
        {m_batch, tr("Batch size"), tr("Sequences per training step.")},
        {m_steps, tr("Steps"), tr("Optimizer updates in a full run.")},
        {m_seed, tr("Seed"),
         tr("Same seed, same data and threads: the same initial weights and the same losses.")},
    };
    for (const Row &r : rows) {
        if (auto *label = qobject_cast<QLabel *>(m_form->labelForField(r.field)))
            label->setText(r.label);
        r.field->setToolTip(r.tip);
    }
    m_kind->setItemText(0, tr("Transformer language model"));
    m_kind->setItemText(1, tr("RNN encoder-decoder with attention"));
    m_kind->setItemText(2, tr("Transformer encoder-decoder"));
    m_kind->setItemText(3, tr("Attention classifier"));
    m_attention->setItemText(0, tr("Additive (Bahdanau)"));
    m_attention->setItemText(1, tr("Dot (Luong)"));
    m_attention->setItemText(2, tr("General (Luong)"));
    m_attention->setItemText(3, tr("Scaled dot"));
    m_rnn->setItemText(0, tr("Transformer"));
    m_rnn->setItemText(1, tr("Bidirectional GRU"));
    m_rnn->setItemText(2, tr("Bidirectional LSTM"));
    m_norm->setItemText(0, tr("Pre-LN (GPT-2)"));
    m_norm->setItemText(1, tr("Post-LN (original)"));
    m_positions->setItemText(0, tr("Learned"));
    m_positions->setItemText(1, tr("Sinusoidal"));
    m_scaling->setItemText(0, tr("Scaled: q·k / √d_k"));
    m_scaling->setItemText(1, tr("Unscaled: q·k"));
    m_schedule->setItemText(0, tr("Constant"));
    m_schedule->setItemText(1, tr("Warmup + cosine"));
    m_apply->setText(tr("Build New Model"));
    m_apply->setToolTip(tr("Create a freshly initialised model with these settings."));
    m_params->setText(
        m_paramCount < 0 ? QString() : tr("Parameters: %1").arg(QLocale().toString(m_paramCount)));
}

void ModelPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace attn::gui
