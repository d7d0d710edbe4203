// The longer learning runs (label slow): a small TransformerLM learns to sort
// digits and to normalise dates written in 44 English/Chinese formats, LM
// style, within a fixed step budget and seed. Prints the time to target.
#include "learning.h"

using learning::learns;

class TestLearningSlow : public QObject {
    Q_OBJECT
private slots:
    void sortIsLearned() { learns("sort", 1000, 0.7); }
    void datesAreLearned() { learns("dates", 3000, 0.8); }
};

QTEST_APPLESS_MAIN(TestLearningSlow)
#include "test_learning_slow.moc"
