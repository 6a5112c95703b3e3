"""Evaluate the credit model overall and per group.

We report accuracy, precision, recall, F1 and ROC AUC on the held-out
test set, then break them down by the protected attribute with fairlearn's
``MetricFrame``. The two fairness criteria we track are demographic parity (difference in
selection rate) and equalized odds (difference in true and false positive rates).
"""
import numpy as np
import pandas as pd
from fairlearn.metrics import (
    MetricFrame,
    demographic_parity_difference,
    equalized_odds_difference,
    false_positive_rate,
    selection_rate,
)
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def load(path="credit.csv"):
    df = pd.read_csv(path)
    y = (df.pop("default") == 1).astype(int)
    group = df.pop("sex")
    return pd.get_dummies(df, drop_first=True), y, group


def fit(X_train, y_train, C=1.0):
    # L2-regularized logistic regression; C is the inverse regularization strength
    scaler = StandardScaler().fit(X_train)
    clf = LogisticRegression(C=C, penalty="l2", max_iter=2000, class_weight="balanced")
    clf.fit(scaler.transform(X_train), y_train)
    return scaler, clf


def report(y_true, y_pred, y_score, group):
    overall = {
        "accuracy": accuracy_score(y_true, y_pred),
        "precision": precision_score(y_true, y_pred),
        "recall": recall_score(y_true, y_pred),
        "f1": f1_score(y_true, y_pred),
        "roc_auc": roc_auc_score(y_true, y_score),
    }
    tn, fp, fn, tp = confusion_matrix(y_true, y_pred).ravel()
    print(f"overall: {overall}  (tp={tp}, fp={fp}, fn={fn}, tn={tn})")

    frame = MetricFrame(
        metrics={
            "accuracy": accuracy_score,
            "selection_rate": selection_rate,
            "fpr": false_positive_rate,
            "recall": recall_score,
        },
        y_true=y_true,
        y_pred=y_pred,
        sensitive_features=group,
    )
    print(frame.by_group)
    print("largest gap per metric:\n", frame.difference(method="between_groups"))
    dp = demographic_parity_difference(y_true, y_pred, sensitive_features=group)
    eo = equalized_odds_difference(y_true, y_pred, sensitive_features=group)
    print(f"demographic parity difference {dp:.3f}, equalized odds difference {eo:.3f}")
    return frame


def threshold_sweep(y_true, y_score, group, thresholds=np.linspace(0.1, 0.9, 9)):
    """Selection rate per group as the decision threshold moves.

    A single threshold rarely satisfies equal opportunity for both groups; group-specific
    thresholds can, at some cost in overall accuracy.
    """
    rows = []
    for t in thresholds:
        pred = (y_score >= t).astype(int)
        mf = MetricFrame(metrics=selection_rate, y_true=y_true, y_pred=pred, sensitive_features=group)
        rows.append({"threshold": t, **mf.by_group.to_dict()})
    return pd.DataFrame(rows)


if __name__ == "__main__":
    X, y, group = load()
    X_tr, X_te, y_tr, y_te, g_tr, g_te = train_test_split(X, y, group, test_size=0.3, stratify=y, random_state=0)
    scaler, clf = fit(X_tr, y_tr)
    score = clf.predict_proba(scaler.transform(X_te))[:, 1]
    report(y_te, (score >= 0.5).astype(int), score, g_te)
    print(threshold_sweep(y_te.to_numpy(), score, g_te.to_numpy()))
