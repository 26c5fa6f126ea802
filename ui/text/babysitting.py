"""Babysitting page (CS231n 2017 Lecture 6, "Data Preprocessing" and "Babysitting the Learning Process";
cs231n.github.io/neural-networks-2 and -3)."""

TEXT = {
    "babysitting.nav": ("Babysitting training", "학습 돌보기"),
    "babysitting.oneline": (
        "Preprocess the data, check the network before training it, and read its loss curve while it trains.",
        "데이터를 전처리하고, 학습 전에 신경망을 점검하고, 학습하는 동안 손실 곡선을 읽습니다."),
    "babysitting.title": ("Babysitting the learning process", "학습 과정 돌보기"),
    "babysitting.intro": (
        "The lectures end their first half on the habits that decide whether training works at all: preprocess "
        "the data so that every feature is centered and on one scale, check the network before a long run (the "
        "loss at chance, regularization raising it, a tiny subset learned by heart), and watch the loss curve, "
        "whose shape names what to change. Pick a part below; each runs its own experiment.",
        "강의는 전반부를 학습이 제대로 되느냐를 가르는 습관으로 마무리합니다. 모든 특징이 0을 중심으로 같은 "
        "크기가 되도록 데이터를 전처리하고, 긴 학습 전에 신경망을 점검하고(우연 수준의 손실, 규제가 올리는 손실, "
        "외워 버리는 작은 부분집합), 손실 곡선을 지켜봅니다. 곡선의 모양이 무엇을 바꿔야 할지 알려 줍니다. "
        "아래에서 부분을 고르면 각자의 실험이 돌아갑니다."),
    "babysitting.never": ("never", "도달 못 함"),
    # field labels (by field name; parts that share a name share its meaning)
    "babysitting.f.offset": ("Offset of the cloud from the origin", "원점에서 떨어진 거리 (오프셋)"),
    "babysitting.f.ratio": ("Scale of feature 2 / scale of feature 1", "특징 2의 크기 / 특징 1의 크기"),
    "babysitting.f.correlation": ("Correlation of the two features", "두 특징의 상관계수"),
    "babysitting.f.inputs": ("Inputs to train on", "학습할 입력"),
    "babysitting.f.model": ("Classifier", "분류기"),
    "babysitting.f.target": ("Target loss", "목표 손실"),
    "babysitting.f.points": ("Points in the cloud", "점의 개수"),
    "babysitting.f.dataset": ("Data set", "데이터셋"),
    "babysitting.f.init_std": ("Std of the initial weights (normal init)", "초기 가중치의 표준편차 (정규 초기화)"),
    "babysitting.f.strength": ("L2 strength λ for check 2", "점검 2의 L2 세기 λ"),
    "babysitting.f.subset": ("Tiny subset size for check 3", "점검 3의 작은 부분집합 크기"),
    "babysitting.f.width": ("Hidden units per layer", "층당 은닉 유닛 수"),
    "babysitting.f.n": ("Examples (30% held out for validation)", "예제 수 (30%는 검증용)"),
    "babysitting.f.batch": ("Batch size (0 = full batch)", "배치 크기 (0 = 전체 배치)"),
    # legends: the stages, the image case's subtractions, the checks, the splits
    "babysitting.legend.original": ("original", "원본"),
    "babysitting.legend.centered": ("zero-centered", "0 중심화"),
    "babysitting.legend.normalized": ("normalized", "정규화"),
    "babysitting.legend.decorrelated": ("decorrelated (PCA)", "비상관화 (PCA)"),
    "babysitting.legend.whitened": ("whitened", "백색화"),
    "babysitting.legend.linear_classifier": ("linear classifier", "선형 분류기"),
    "babysitting.legend.two_layer_net": ("two-layer net", "2층 신경망"),
    "babysitting.legend.none": ("raw pixels", "원래 픽셀"),
    "babysitting.legend.mean_image": ("− mean image", "− 평균 이미지"),
    "babysitting.legend.channel_mean": ("− channel mean", "− 채널 평균"),
    "babysitting.legend.train": ("train", "학습"),
    "babysitting.legend.val": ("validation", "검증"),
    "babysitting.legend.run": ("this run", "이 실행"),
    "babysitting.legend.loss": ("loss", "손실"),
    "babysitting.legend.accuracy": ("accuracy", "정확도"),
    # table columns of this page
    "babysitting.col.stage": ("stage", "단계"),
    "babysitting.col.mean_1": ("mean of feature 1", "특징 1의 평균"),
    "babysitting.col.mean_2": ("mean of feature 2", "특징 2의 평균"),
    "babysitting.col.var_1": ("variance of feature 1", "특징 1의 분산"),
    "babysitting.col.var_2": ("variance of feature 2", "특징 2의 분산"),
    "babysitting.col.cov_12": ("covariance", "공분산"),
    "babysitting.col.initial_loss": ("loss at step 0", "0단계 손실"),
    "babysitting.col.steps_to_target": ("steps until the loss stays below the target", "손실이 목표 아래에 머물기까지 단계"),
    "babysitting.col.sensitivity_start": ("mean |Δloss|, initial weights", "평균 |Δ손실|, 초기 가중치"),
    "babysitting.col.sensitivity_end": ("mean |Δloss|, final weights", "평균 |Δ손실|, 마지막 가중치"),
    "babysitting.col.signature": ("signature", "모양"),
    "babysitting.col.values_subtracted": ("numbers subtracted", "뺀 숫자의 개수"),
    "babysitting.col.subtracted_mean": ("mean of what was subtracted", "뺀 값의 평균"),
    "babysitting.col.pixel_mean_max": ("largest |pixel mean| left", "남은 |픽셀 평균|의 최댓값"),
    "babysitting.col.unit_offset": ("first-layer units off-center (in stds)", "1층 유닛의 중심 벗어남 (표준편차 단위)"),
    # 1. preprocessing
    "babysitting.preprocessing.name": ("1 · Data preprocessing", "1 · 데이터 전처리"),
    "babysitting.preprocessing.claim": (
        "The slide's point cloud, off the origin and stretched along one feature, at each stage: original, "
        "zero-centered (subtract the mean), normalized (divide each feature by its std), decorrelated (rotate onto "
        "the principal axes: PCA) and whitened (divide each of those axes by its std: identity covariance). Every "
        "statistic comes from the training points alone. Then one classifier, from the same initial weights and "
        "at the same learning rate, trains on each kind of input. The lecture: before normalization the loss is "
        "very sensitive to small changes in the weights and hard to optimize; after it, less so.",
        "슬라이드의 점 구름은 원점에서 떨어져 있고 한 특징 쪽으로 늘어나 있습니다. 이를 단계마다 보여 줍니다: "
        "원본, 0 중심화(평균을 뺌), 정규화(특징마다 표준편차로 나눔), 비상관화(주축으로 회전: PCA), 백색화(그 "
        "축마다 표준편차로 나눔: 공분산이 단위행렬). 모든 통계는 학습 점에서만 계산합니다. 그다음 분류기 하나를 "
        "같은 초기 가중치와 같은 학습률로 입력마다 학습합니다. 강의의 주장: 정규화 전에는 손실이 가중치의 작은 "
        "변화에 아주 민감하고 최적화가 어렵습니다. 정규화 뒤에는 덜 그렇습니다."),
    "babysitting.preprocessing.stats": ("Mean and covariance at each stage (training points)",
                                        "단계별 평균과 공분산 (학습 점)"),
    "babysitting.preprocessing.loss": ("Training loss (log scale)", "학습 손실 (로그 축)"),
    "babysitting.preprocessing.sensitivity": ("Loss change for a small weight change", "작은 가중치 변화에 따른 손실 변화"),
    "babysitting.preprocessing.sensitivity_axis": ("mean |Δloss|, norm {radius}, initial weights",
                                                   "평균 |Δ손실|, 노름 {radius}, 초기 가중치"),
    "babysitting.preprocessing.image": (
        "**The image case**, on the 8x8 digits. AlexNet subtracts the mean image (one number per pixel); VGGNet "
        "subtracts the mean of each color channel (one number per channel). The digits are grayscale: one channel, "
        "so the per-channel mean is a single number. Each picture shows every pixel's mean over the training "
        "images after the subtraction (white: 0).",
        "**이미지의 경우**, 8x8 숫자 데이터로 봅니다. AlexNet은 평균 이미지(픽셀마다 숫자 하나)를 빼고, VGGNet은 "
        "색 채널마다 평균(채널마다 숫자 하나)을 뺍니다. 숫자 데이터는 흑백이라 채널이 하나뿐이므로 채널 평균은 "
        "숫자 하나입니다. 각 그림은 뺀 뒤 학습 이미지에 걸친 픽셀마다의 평균입니다 (흰색: 0)."),
    "babysitting.preprocessing.pixels": ("Pixel means after subtracting", "뺀 뒤의 픽셀 평균"),
    "babysitting.preprocessing.notice": (
        "At learning rate {lr:g}, the loss stayed below {target:g} from step: {reached}. At the same initial "
        "weights, random changes of norm {radius:g} moved the loss by {most_value:.3g} on {most} inputs and by "
        "{least_value:.3g} on {least} inputs ({times:.0f}× less). Image case: the channel mean is one number, "
        "{channel_subtracted_mean:.3f}; subtracting it leaves pixel means up to {channel_pixel_mean_max:.2f} away "
        "from 0 and first-layer units {channel_unit_offset:.2f} std off-center, against {mean_unit_offset:.0e} "
        "after subtracting the mean image.",
        "학습률 {lr:g}에서 손실이 {target:g} 아래에 머물기 시작한 단계: {reached}. 같은 초기 가중치에서 노름 "
        "{radius:g}인 무작위 변화는 손실을 {most} 입력에서 {most_value:.3g}, {least} 입력에서 {least_value:.3g}만큼 "
        "움직였습니다 ({times:.0f}배 적음). 이미지의 경우: 채널 평균은 숫자 하나 {channel_subtracted_mean:.3f}이고, "
        "이것을 빼도 픽셀 평균이 0에서 최대 {channel_pixel_mean_max:.2f}까지 남으며 1층 유닛은 표준편차의 "
        "{channel_unit_offset:.2f}배만큼 중심을 벗어납니다. 평균 이미지를 빼면 {mean_unit_offset:.0e}입니다."),
    "babysitting.preset.slide": ("Slide: linear, lr 1", "슬라이드: 선형, 학습률 1"),
    "babysitting.preset.careful": ("A careful lr, 0.1", "조심스러운 학습률 0.1"),
    "babysitting.preset.net": ("Two-layer net", "2층 신경망"),
    "babysitting.preset.all": ("All five stages", "다섯 단계 모두"),
    "babysitting.q.first": ("Trained at one learning rate from the same weights, which inputs keep the loss below "
                            "the target first?",
                            "같은 가중치에서 같은 학습률로 학습할 때, 어느 입력이 가장 먼저 손실을 목표 아래로 "
                            "유지할까요?"),
    "babysitting.q.first.none": ("none of them within the steps", "단계 안에 아무것도 못 함"),
    # 2. sanity checks
    "babysitting.sanity.name": ("2 · Sanity checks before training", "2 · 학습 전 점검"),
    "babysitting.sanity.claim": (
        "Before a long run, three quick checks catch most bugs (CS231n notes, \"Before learning: sanity checks\"). "
        "With small weights and no regularization the scores are near 0 and the softmax near uniform, so the loss "
        "is ln C for C classes. Turning regularization on must raise it. And the network must learn a tiny subset "
        "of the data (20 examples, no regularization, plain SGD) by heart, to 100% training accuracy; if it cannot, "
        "something is broken. The three checks share one run of this part.",
        "긴 학습 전에 빠른 점검 세 가지가 대부분의 버그를 잡습니다 (CS231n 노트, \"학습 전: 점검\"). 가중치가 "
        "작고 규제가 없으면 점수가 0 근처라 소프트맥스가 거의 균등하므로, 손실은 클래스가 C개일 때 ln C입니다. "
        "규제를 켜면 손실이 올라가야 합니다. 그리고 신경망은 데이터의 작은 부분집합(예제 20개, 규제 없음, 기본 "
        "SGD)을 외워서 학습 정확도 100%에 이르러야 합니다. 그러지 못하면 무언가 고장 난 것입니다. 세 점검은 "
        "이 부분의 실행 하나를 함께 씁니다."),
    "babysitting.check.run": ("Run this check", "이 점검 실행"),
    "babysitting.check.pass": ("Pass", "통과"),
    "babysitting.check.fail": ("Fail", "실패"),
    "babysitting.check.initial_loss": ("Check 1 · the loss at chance", "점검 1 · 우연 수준의 손실"),
    "babysitting.check.initial_loss.what": ("Small weights, no regularization: is the loss within 0.05 of ln C?",
                                            "작은 가중치, 규제 없음: 손실이 ln C에서 0.05 안에 있을까요?"),
    "babysitting.check.initial_loss.result": (
        "Loss at step 0: {value:.4f}; ln {classes} = {reference:.4f} (off by {diff:.4f}).",
        "0단계 손실: {value:.4f}, ln {classes} = {reference:.4f} (차이 {diff:.4f})."),
    "babysitting.check.regularization": ("Check 2 · regularization raises the loss", "점검 2 · 규제가 손실을 올림"),
    "babysitting.check.regularization.what": ("Add the L2 penalty λ Σ W²: is the loss strictly higher?",
                                              "L2 벌점 λ Σ W²를 더하면 손실이 확실히 높아질까요?"),
    "babysitting.check.regularization.result": (
        "Loss with λ = {strength:g}: {value:.4f}, without: {reference:.4f} (the penalty adds {detail:.4g}).",
        "λ = {strength:g}일 때 손실: {value:.4f}, 규제 없이: {reference:.4f} (벌점이 {detail:.4g}[을] 더함)."),
    "babysitting.check.overfit": ("Check 3 · overfit a tiny subset", "점검 3 · 작은 부분집합 과적합"),
    "babysitting.check.overfit.what": ("{subset} examples, no regularization, {steps} SGD steps: 100% training "
                                       "accuracy?",
                                       "예제 {subset}개, 규제 없음, SGD {steps}단계: 학습 정확도 100%일까요?"),
    "babysitting.check.overfit.result": (
        "Training accuracy on the {subset} examples after {steps} steps: {value:.0%} (100% from step {detail:.0f} "
        "on).",
        "{steps}단계 뒤 예제 {subset}개에 대한 학습 정확도: {value:.0%} ({detail:.0f}단계부터 100%)."),
    "babysitting.check.overfit.never": (
        "Training accuracy on the {subset} examples after {steps} steps: {value:.0%}. It never stayed at 100%: "
        "raise the learning rate or the steps, or look for a bug.",
        "{steps}단계 뒤 예제 {subset}개에 대한 학습 정확도: {value:.0%}. 100%에 머물지 못했습니다. 학습률이나 "
        "단계 수를 늘리거나 버그를 찾아보세요."),
    "babysitting.sanity.overfit": ("Check 3: loss and accuracy on the tiny subset", "점검 3: 작은 부분집합의 손실과 정확도"),
    "babysitting.sanity.notice": (
        "This data set has C = {classes} classes, so a uniform guess scores ln {classes} = {chance:.4f}. {ran}",
        "이 데이터셋은 클래스가 C = {classes}개이므로 균등한 추측의 손실은 ln {classes} = {chance:.4f}입니다. {ran}"),
    "babysitting.sanity.none_run": ("Run the checks above to hold this run's numbers against it.",
                                    "위의 점검을 실행해 이 실행의 숫자와 비교해 보세요."),
    "babysitting.sanity.ran": ("Checks run: {passed} of {ran} passed.", "실행한 점검: {ran}개 중 {passed}개 통과."),
    "babysitting.preset.small": ("Small weights (all pass)", "작은 가중치 (모두 통과)"),
    "babysitting.preset.large": ("N(0, 1) weights", "N(0, 1) 가중치"),
    "babysitting.preset.short": ("Too few steps", "너무 적은 단계"),
    "babysitting.q.reg": ("With regularization on, how does the loss at step 0 compare with the loss without it?",
                          "규제를 켜면 0단계 손실은 규제가 없을 때와 비교해 어떨까요?"),
    "babysitting.q.reg.lower": ("lower", "더 낮음"),
    "babysitting.q.reg.equal": ("the same", "같음"),
    "babysitting.q.reg.higher": ("higher", "더 높음"),
    # 3. the loss curve
    "babysitting.curves.name": ("3 · Reading the loss curve", "3 · 손실 곡선 읽기"),
    "babysitting.curves.claim": (
        "One MLP trained with SGD + momentum on minibatches. The lecture's signatures: a loss that barely moves "
        "(learning rate too low); one that explodes or turns NaN (too high: the run is stopped and the step shown) "
        "or jumps around where it started; a fast fall that levels off (about right); a flat start, then a sudden "
        "drop (bad initialization); a big gap between training and validation accuracy (overfitting: more "
        "regularization or data); no gap at a poor accuracy (underfitting: more capacity). Each preset reproduces "
        "one. The name under the question is read from this run's curves by fixed thresholds.",
        "MLP 하나를 미니배치 SGD + 모멘텀으로 학습합니다. 강의가 말하는 모양들: 거의 움직이지 않는 손실(학습률이 "
        "너무 낮음), 폭발하거나 NaN이 되는 손실(너무 높음: 실행을 멈추고 그 단계를 보여 줍니다) 또는 시작 근처에서 "
        "널뛰는 손실, 빠르게 떨어진 뒤 평평해지는 손실(적당함), 평평하다가 갑자기 떨어지는 손실(나쁜 초기화), "
        "학습 정확도와 검증 정확도의 큰 차이(과적합: 규제나 데이터를 늘림), 낮은 정확도에서 차이 없음(과소적합: "
        "용량을 늘림). 프리셋마다 하나씩 재현합니다. 질문 아래의 이름은 이 실행의 곡선에서 고정된 기준으로 "
        "읽어 냅니다."),
    "babysitting.curves.loss": ("Loss (log scale): train solid, validation dashed", "손실 (로그 축): 학습은 실선, 검증은 점선"),
    "babysitting.curves.accuracy": ("Accuracy: train solid, validation dashed", "정확도: 학습은 실선, 검증은 점선"),
    "babysitting.curves.rules": (
        "How the name is read (first match wins): **too high** if the run diverged, or its loss did not fall below "
        "{not_halved:.0%} of its first value and rose at over {jumpy:.0%} of the logged steps; **too low** if the "
        "training loss ended above {barely_moves:.0%} of its first value; **plateau** if it took over "
        "{plateau_share:.0%} of the run to fall below {plateau_drop:.0%} of it; **overfitting** if training "
        "accuracy is over {big_gap:.0%} above validation accuracy; **underfitting** if training accuracy is below "
        "{well_fit:.0%}; else **about right**.",
        "이름을 읽는 법 (먼저 맞는 것): 실행이 발산했거나, 손실이 처음 값의 {not_halved:.0%} 아래로 떨어지지 "
        "않고 기록한 단계의 {jumpy:.0%} 넘게 올라갔으면 **너무 높음**; 마지막 학습 손실이 처음 값의 "
        "{barely_moves:.0%}보다 크면 **너무 낮음**; 처음 값의 {plateau_drop:.0%} 아래로 떨어지는 데 실행의 "
        "{plateau_share:.0%} 넘게 걸렸으면 **정체**; 학습 정확도가 검증 정확도보다 {big_gap:.0%}p 넘게 높으면 "
        "**과적합**; 학습 정확도가 {well_fit:.0%} 미만이면 **과소적합**; 그 밖에는 **적당함**."),
    "babysitting.curves.notice": (
        "Read from this run: **{signature}**. The training loss went from {first_loss:.3g} to {final_loss:.3g} "
        "({loss_ratio:.2%} of its start; below {plateau_drop:.0%} of it from step {fell}); training accuracy "
        "{train_accuracy:.0%}, validation {val_accuracy:.0%}, a gap of {accuracy_gap:.0%}. {advice}",
        "이 실행에서 읽은 이름: **{signature}**. 학습 손실은 {first_loss:.3g}에서 {final_loss:.3g}[로] "
        "바뀌었습니다(처음의 {loss_ratio:.2%}, {fell}단계부터 처음의 {plateau_drop:.0%} 아래). 학습 정확도 "
        "{train_accuracy:.0%}, 검증 {val_accuracy:.0%}, 차이 {accuracy_gap:.0%}p. {advice}"),
    "babysitting.advice.too_low": ("Raise the learning rate.", "학습률을 높이세요."),
    "babysitting.advice.too_high": ("Lower the learning rate.", "학습률을 낮추세요."),
    "babysitting.advice.plateau": ("Start from a better initialization (Kaiming for ReLU).",
                                   "더 나은 초기화(ReLU에는 Kaiming)에서 시작하세요."),
    "babysitting.advice.overfitting": ("Add regularization (weight decay) or more data.",
                                       "규제(가중치 감쇠)나 데이터를 늘리세요."),
    "babysitting.advice.underfitting": ("Add capacity: wider or deeper layers.", "용량을 늘리세요: 더 넓거나 깊은 층."),
    "babysitting.advice.good": ("Keep these settings.", "이 설정을 유지하세요."),
    "babysitting.preset.good": ("About right", "적당함"),
    "babysitting.preset.too_low": ("LR too low", "낮은 학습률"),
    "babysitting.preset.too_high": ("LR too high", "높은 학습률"),
    "babysitting.preset.plateau": ("Bad init", "나쁜 초기화"),
    "babysitting.preset.overfitting": ("Big gap", "큰 차이"),
    "babysitting.preset.underfitting": ("Too small", "작은 모델"),
    "babysitting.q.curve": ("Which signature do these curves show?", "이 곡선은 어떤 모양일까요?"),
    "babysitting.q.curve.too_low": ("learning rate too low", "학습률이 너무 낮음"),
    "babysitting.q.curve.too_high": ("learning rate too high", "학습률이 너무 높음"),
    "babysitting.q.curve.plateau": ("plateau, then a drop (bad init)", "정체 뒤 하락 (나쁜 초기화)"),
    "babysitting.q.curve.overfitting": ("big gap (overfitting)", "큰 차이 (과적합)"),
    "babysitting.q.curve.underfitting": ("no gap, poor fit (underfitting)", "차이 없이 낮음 (과소적합)"),
    "babysitting.q.curve.good": ("about right", "적당함"),

    # Field labels (babysitting.f.<field>): names unique across the page's configs
    "babysitting.f.grid_side": ("Grid values per hyperparameter k (trials: k²)",
                                "하이퍼파라미터당 그리드 값 k (시도 횟수: k²)"),
    "babysitting.f.repeats": ("Problems (repeats)", "문제 수 (반복)"),
    "babysitting.f.peak_width": ("Width of the important bump (std, axis 0-1)",
                                 "중요한 봉우리의 폭 (표준편차, 축 0-1)"),
    "babysitting.f.unimportant_weight": ("Most the unimportant one adds", "덜 중요한 쪽이 더하는 최대값"),
    "babysitting.f.coarse_trials": ("Coarse trials", "거친 탐색 시도 횟수"),
    "babysitting.f.fine_trials": ("Fine trials", "세밀한 탐색 시도 횟수"),
    "babysitting.f.lr_lo": ("Learning rate from", "학습률 하한"),
    "babysitting.f.lr_hi": ("Learning rate to", "학습률 상한"),
    "babysitting.f.reg_lo": ("L2 strength from", "L2 세기 하한"),
    "babysitting.f.reg_hi": ("L2 strength to", "L2 세기 상한"),
    "babysitting.f.trial_steps": ("Steps per trial", "시도당 단계 수"),
    "babysitting.f.seeds": ("Runs (seeds)", "실행 수 (시드)"),
    "babysitting.f.lr_start": ("Starting learning rate", "시작 학습률"),
    "babysitting.f.lr_end": ("Final learning rate", "마지막 학습률"),
    "babysitting.f.range_steps": ("Steps per run", "실행당 단계 수"),
    # Names in legends and tables
    "babysitting.legend.grid": ("grid search", "격자 탐색"),
    "babysitting.legend.random": ("random search", "무작위 탐색"),
    "babysitting.legend.coarse": ("coarse", "거친 탐색"),
    "babysitting.legend.fine": ("fine", "세밀한 탐색"),
    "babysitting.legend.minimum/10": ("minimum / 10", "최소점 / 10"),
    "babysitting.legend.steepest": ("steepest descent", "가장 가파른 하강"),
    "babysitting.legend.4x minimum": ("4× its smoothed minimum", "평활화한 최솟값의 4배"),
    "babysitting.legend.not finite": ("loss not finite (NaN)", "손실이 유한하지 않음 (NaN)"),
    "babysitting.legend.end of range": ("end of the range", "범위의 끝"),
    # Column names (tables, axes)
    "babysitting.col.important": ("important hyperparameter", "중요한 하이퍼파라미터"),
    "babysitting.col.unimportant": ("unimportant hyperparameter", "덜 중요한 하이퍼파라미터"),
    "babysitting.col.score": ("score", "점수"),
    "babysitting.col.trial": ("trial", "시도"),
    "babysitting.col.repeat": ("repeat", "반복"),
    "babysitting.col.repeats": ("repeats", "반복 수"),
    "babysitting.col.best_score": ("best score found", "찾은 최고 점수"),
    "babysitting.col.best_important": ("its important value", "그 시도의 중요한 값"),
    "babysitting.col.mean_best": ("mean best score", "최고 점수의 평균"),
    "babysitting.col.median_best": ("median best score", "최고 점수의 중앙값"),
    "babysitting.col.distinct_important_values": ("values of the important one tried",
                                                  "시도한 중요한 하이퍼파라미터 값의 수"),
    "babysitting.col.win_fraction": ("won", "이긴 비율"),
    "babysitting.col.tie_fraction": ("tied", "비긴 비율"),
    "babysitting.col.reg": ("L2 strength", "L2 세기"),
    "babysitting.col.log_lr": ("log10 learning rate", "log10 학습률"),
    "babysitting.col.log_reg": ("log10 L2 strength", "log10 L2 세기"),
    "babysitting.col.lr_lo": ("learning rate from", "학습률 하한"),
    "babysitting.col.lr_hi": ("learning rate to", "학습률 상한"),
    "babysitting.col.reg_lo": ("L2 strength from", "L2 세기 하한"),
    "babysitting.col.reg_hi": ("L2 strength to", "L2 세기 상한"),
    "babysitting.col.smoothed": ("smoothed loss", "평활화한 손실"),
    "babysitting.col.steps_run": ("steps run", "실행한 단계 수"),
    "babysitting.col.stop_lr": ("learning rate at the stop", "멈춘 곳의 학습률"),
    "babysitting.col.rule": ("suggestion rule", "제안 규칙"),
    "babysitting.col.min_lr": ("smallest suggestion", "가장 작은 제안"),
    "babysitting.col.max_lr": ("largest suggestion", "가장 큰 제안"),
    "babysitting.col.ratio": ("largest / smallest", "최대 / 최소"),
    # 4. Random vs grid search
    "babysitting.search.name": ("4 · Random vs grid search", "4 · 무작위 탐색 대 격자 탐색"),
    "babysitting.search.claim": (
        "Bergstra & Bengio (2012): when only some hyperparameters matter, random search beats a grid with the same "
        "budget, because a k × k grid tries only k values of the one that matters and k² random trials try k² of "
        "them. Here the problem is a formula, not a training run (honest for this point, and fast): the score is a "
        "narrow bump in the important hyperparameter plus a small, broad bump in the other, both at random places, "
        "drawn afresh for each of many problems. Each axis stands for a hyperparameter on the scale it is searched "
        "(e.g. log10 of the learning rate), from 0 to 1; the grid sits at the centres of k equal cells.",
        "Bergstra & Bengio (2012): 일부 하이퍼파라미터만 중요할 때는 같은 예산으로 무작위 탐색이 격자 탐색을 "
        "이깁니다. k × k 그리드는 중요한 하이퍼파라미터의 값을 k개만 시도하지만, 무작위 시도 k²번은 k²개를 "
        "시도하기 때문입니다. 여기서 문제는 학습이 아니라 공식입니다(이 주장을 보이기에는 정직하고 빠릅니다). "
        "점수는 중요한 하이퍼파라미터의 좁은 봉우리와 다른 쪽의 작고 넓은 봉우리의 합이고, 두 봉우리의 위치는 "
        "많은 문제마다 새로 무작위로 뽑습니다. 각 축은 탐색하는 눈금(예: 학습률의 log10) 위의 하이퍼파라미터를 "
        "0에서 1로 나타내고, 그리드는 k개의 같은 칸의 가운데에 놓입니다."),
    "babysitting.search.trials": ("Problem 1: each trial (line: the best possible)",
                                  "문제 1: 시도마다의 점수 (선: 가능한 최고 점수)"),
    "babysitting.search.best": ("Best score of each problem (◆ median)", "문제마다 찾은 최고 점수 (◆ 중앙값)"),
    "babysitting.search.notice": (
        "With {budget} trials each ({side} × {side} for the grid), random search found the better best in "
        "{random_win} of {repeats} problems, the grid in {grid_win} (ties: {ties}). The grid tried {side} values of "
        "the important hyperparameter, random search {budget}. Median best score: random {random_median}, grid "
        "{grid_median}.",
        "방법마다 시도 {budget}번(그리드는 {side} × {side})으로, 문제 {repeats}개 가운데 무작위 탐색이 더 좋은 "
        "최고점을 찾은 비율은 {random_win}, 그리드는 {grid_win}입니다(비김: {ties}). 그리드는 중요한 "
        "하이퍼파라미터의 값을 {side}개, 무작위 탐색은 {budget}개 시도했습니다. 최고 점수의 중앙값: 무작위 "
        "{random_median}, 격자 {grid_median}."),
    "babysitting.preset.narrow": ("Narrow bump", "좁은 봉우리"),
    "babysitting.preset.broad": ("Broad bump", "넓은 봉우리"),
    "babysitting.preset.even": ("Both matter", "둘 다 중요"),
    "babysitting.preset.budget": ("100 trials", "시도 100번"),
    "babysitting.q.search": ("With the same number of trials, which search finds the better best more often?",
                             "같은 시도 횟수라면 어느 탐색이 더 자주 더 좋은 최고점을 찾을까요?"),
    "babysitting.q.search.grid": ("grid search", "격자 탐색"),
    "babysitting.q.search.random": ("random search", "무작위 탐색"),
    "babysitting.q.search.tie": ("neither (as often)", "둘 다 같음"),
    # 5. Coarse to fine
    "babysitting.coarse.name": ("5 · Coarse to fine, on a log scale",
                                "5 · 거친 탐색에서 세밀한 탐색으로, 로그 눈금에서"),
    "babysitting.coarse.claim": (
        "The lecture's recipe for the learning rate and the regularization strength: search on a log scale "
        "(10 ** uniform(a, b)), first a coarse stage of short runs over wide ranges, then a fine stage in the "
        "region of the best. Each trial here trains the MLP of MNIST-1D (two hidden layers of 100) on the 1-D "
        "digits for a few epochs with the app's training loop, from the same initial weights and batches; only "
        "the learning rate and the L2 strength (the optimizer's weight decay) change. The fine box is centred on "
        "the best coarse trial and a quarter as wide on each axis, in decades.",
        "강의가 말하는 학습률과 규제 세기 찾는 법: 로그 눈금에서(`10 ** uniform(a, b)`) 먼저 넓은 범위를 짧은 "
        "실행으로 거칠게 탐색하고, 그다음 가장 좋았던 곳 근처를 세밀하게 탐색합니다. 여기서 각 시도는 MNIST-1D의 "
        "MLP(100개짜리 은닉층 두 개)를 앱의 학습 루프로 1-D 숫자에서 몇 에폭 동안 학습합니다. 초기 가중치와 "
        "배치는 모두 같고 학습률과 L2 세기(옵티마이저의 가중치 감쇠)만 다릅니다. 세밀한 탐색의 상자는 가장 좋은 "
        "거친 시도를 가운데에 두고, 각 축에서 (자릿수 단위로) 거친 범위의 4분의 1 폭입니다."),
    "babysitting.coarse.scatter": ("Both stages over (learning rate, L2 strength)",
                                   "(학습률, L2 세기) 위의 두 단계"),
    "babysitting.coarse.along": ("Seen along the learning rate", "학습률 축에서 본 모습"),
    "babysitting.coarse.notice": (
        "The best coarse trial reached {coarse_acc} at learning rate {coarse_lr} and L2 strength {coarse_reg}; "
        "the fine stage, searching {lr_box} × {reg_box}, reached {fine_acc} at {fine_lr} and {fine_reg}. Median "
        "validation accuracy: coarse {coarse_median}, fine {fine_median}. {diverged} of {trials} trials diverged "
        "and were stopped.",
        "가장 좋은 거친 시도는 학습률 {coarse_lr}, L2 세기 {coarse_reg}에서 {coarse_acc}에 이르렀고, "
        "{lr_box} × {reg_box}[을] 탐색한 세밀한 단계는 {fine_lr}, {fine_reg}에서 {fine_acc}에 이르렀습니다. "
        "검증 정확도의 중앙값: 거친 탐색 {coarse_median}, 세밀한 탐색 {fine_median}. 시도 {trials}번 가운데 "
        "{diverged}번이 발산해 멈췄습니다."),
    "babysitting.coarse.edge": (
        "The best coarse {axes} sat near the edge of its range (the fine box reaches past it): the lecture's "
        "warning. Move that range and search again.",
        "가장 좋은 거친 시도의 {axes}[이] 범위의 가장자리 근처에 있었습니다(세밀한 상자가 범위 밖으로 "
        "나갑니다). 강의가 경고하는 경우입니다. 그 범위를 옮겨 다시 탐색하세요."),
    "babysitting.coarse.axis.lr": ("learning rate", "학습률"),
    "babysitting.coarse.axis.reg": ("L2 strength", "L2 세기"),
    "babysitting.preset.wide": ("Wide ranges", "넓은 범위"),
    "babysitting.preset.adam": ("Adam", "Adam"),
    "babysitting.preset.low_range": ("Range too low", "너무 낮은 범위"),
    "babysitting.preset.longer": ("Fewer, longer runs", "더 적고 긴 실행"),
    "babysitting.q.stage": ("Which stage's trials do better on average (median validation accuracy)?",
                            "어느 단계의 시도가 평균적으로(검증 정확도의 중앙값) 더 좋을까요?"),
    "babysitting.q.stage.coarse": ("the coarse stage", "거친 탐색"),
    "babysitting.q.stage.fine": ("the fine stage", "세밀한 탐색"),
    # 6. Learning-rate range test
    "babysitting.lrfind.name": ("6 · Learning-rate range test", "6 · 학습률 범위 테스트"),
    "babysitting.lrfind.claim": (
        "Smith (2017), and fastai's lr_find: one short run in which the learning rate grows exponentially at every "
        "step, from very small to too large. The batch loss, smoothed as fastai does (a moving average with β = "
        "0.98, bias-corrected), falls once the rate is large enough and blows up once it is too large; a run "
        "stops when the smoothed loss exceeds 4× its minimum (fastai's rule). Two rules read a rate off the "
        "curve: the rate at the minimum divided by 10, and the rate where the loss falls fastest. Each seed gives "
        "the MLP other initial weights and batches; the band spans the seeds.",
        "Smith (2017)와 fastai의 lr_find: 학습률을 매 단계 지수적으로 키우는 짧은 실행 하나입니다. 아주 작은 "
        "값에서 너무 큰 값까지 갑니다. fastai처럼 평활화한 배치 손실(β = 0.98의 이동 평균, 편향 보정)은 학습률이 "
        "충분히 커지면 내려가고, 너무 커지면 폭발합니다. 평활화한 손실이 최솟값의 4배를 넘으면 실행을 멈춥니다"
        "(fastai의 규칙). 곡선에서 학습률을 읽는 규칙은 두 가지입니다: 최소점의 학습률을 10으로 나눈 값, 그리고 "
        "손실이 가장 빨리 내려가는 곳의 학습률. 시드마다 MLP의 초기 가중치와 배치가 다르고, 띠는 시드들의 "
        "범위입니다."),
    "babysitting.lrfind.band": ("Smoothed loss as the learning rate grows (band: the seeds; lines: suggestions)",
                                "학습률이 커질 때의 평활화한 손실 (띠: 시드들, 세로선: 제안)"),
    "babysitting.lrfind.clipped": ("As in fastai's plot, the loss axis leaves the blow-up out: it ends at 1.5× "
                                   "the highest starting loss.",
                                   "fastai의 그림처럼 손실 축은 폭발한 부분을 뺍니다. 축은 가장 높은 시작 손실의 "
                                   "1.5배에서 끝납니다."),
    "babysitting.lrfind.strip": ("Each seed's suggestion, per rule", "규칙별 시드마다의 제안"),
    "babysitting.lrfind.notice": (
        "Over {seeds} seeds, minimum/10 suggested {min_lo} to {min_hi} (a factor {min_ratio} apart) and the "
        "steepest descent {steep_lo} to {steep_hi} (a factor {steep_ratio}). {stopped} of {seeds} runs stopped at "
        "4× their smoothed minimum, the first at learning rate {first_stop}.",
        "시드 {seeds}개에서 최소점/10 규칙은 {min_lo}부터 {min_hi}까지({min_ratio}배 차이), 가장 가파른 하강 "
        "규칙은 {steep_lo}부터 {steep_hi}까지({steep_ratio}배 차이) 제안했습니다. 실행 {seeds}개 가운데 "
        "{stopped}개가 평활화한 최솟값의 4배에서 멈췄고, 가장 먼저 멈춘 곳의 학습률은 {first_stop}입니다."),
    "babysitting.lrfind.none_stopped": (
        "Over {seeds} seeds, minimum/10 suggested {min_lo} to {min_hi} (a factor {min_ratio} apart) and the "
        "steepest descent {steep_lo} to {steep_hi} (a factor {steep_ratio}). No run reached 4× its smoothed "
        "minimum before the final learning rate: the minimum then sits near the end of the range, and "
        "minimum/10 tells more about the range than about the model. Raise the final learning rate.",
        "시드 {seeds}개에서 최소점/10 규칙은 {min_lo}부터 {min_hi}까지({min_ratio}배 차이), 가장 가파른 하강 "
        "규칙은 {steep_lo}부터 {steep_hi}까지({steep_ratio}배 차이) 제안했습니다. 마지막 학습률까지 평활화한 "
        "최솟값의 4배에 이른 실행은 없습니다. 이때 최소점은 범위의 끝 근처에 있어서, 최소점/10은 모델보다 범위에 "
        "대해 더 많이 말해 줍니다. 마지막 학습률을 높이세요."),
    "babysitting.preset.blowup": ("Up to 100", "100까지"),
    "babysitting.preset.fastai": ("fastai's range (to 10)", "fastai의 범위 (10까지)"),
    "babysitting.preset.adam_range": ("Adam", "Adam"),
    "babysitting.preset.big_batch": ("Batches of 128", "배치 128"),
    "babysitting.preset.more_seeds": ("10 seeds", "시드 10개"),
    "babysitting.q.rule": ("Which rule's suggestion varies less from seed to seed?",
                           "어느 규칙의 제안이 시드에 따라 덜 달라질까요?"),
    "babysitting.q.rule.minimum/10": ("minimum / 10", "최소점 / 10"),
    "babysitting.q.rule.steepest": ("steepest descent", "가장 가파른 하강"),

    "babysitting.tiers.name": ("7 · Linear, MLP, CNN on 1-D digits", "7 · 1차원 숫자에서 선형·MLP·CNN"),
    "babysitting.tiers.claim": (
        "A harder data set: 1-D digits, our own generator after MNIST-1D (Greydanus 2020). Ten template signals; "
        "each example is stretched, scaled, shifted around the circle, sheared and noised, 40 samples long. The "
        "same split, optimizer (Adam) and batches train three models: a linear (softmax) classifier, an MLP with "
        "two hidden layers, and a small 1-D CNN (two convolutions, then the maximum over positions). The MNIST-1D "
        "paper reports about 32%, 68% and 94% for these three kinds of model.",
        "더 어려운 데이터셋입니다: MNIST-1D(Greydanus 2020)를 본떠 직접 만든 1차원 숫자입니다. 템플릿 신호 열 개를 "
        "예제마다 늘이고, 크기를 바꾸고, 원형으로 밀고, 기울이고, 잡음를 더해 길이 40으로 만듭니다. 같은 분할, "
        "같은 옵티마이저(Adam), 같은 배치로 세 모델을 학습합니다: 선형(소프트맥스) 분류기, 은닉층 두 개의 MLP, "
        "작은 1차원 CNN(합성곱 두 개 뒤에 위치에 대한 최댓값). MNIST-1D 논문은 이 세 종류의 모델에 대해 대략 "
        "32%, 68%, 94%를 보고합니다."),
    "babysitting.tiers.chart": ("Validation accuracy per model", "모델별 검증 정확도"),
    "babysitting.tiers.loss": ("Training loss (log scale)", "학습 손실 (로그 축)"),
    "babysitting.tiers.acc": ("Validation accuracy", "검증 정확도"),
    "babysitting.tiers.ordered": (
        "Three tiers: the MLP is {mlp_gain} points above the linear model and the CNN {cnn_gain} points above the "
        "MLP (the criterion: at least {margin} points each).",
        "세 단계가 보입니다: MLP는 선형 모델보다 {mlp_gain}%p, CNN은 MLP보다 {cnn_gain}%p 높습니다 "
        "(기준: 각각 최소 {margin}%p)."),
    "babysitting.tiers.unordered": (
        "No clear tiers in this run: MLP over linear {mlp_gain} points, CNN over MLP {cnn_gain} points (the "
        "criterion: at least {margin} points each). Too few steps, a learning rate far off, or noise that hides "
        "the signals?",
        "이번 실행에서는 단계가 뚜렷하지 않습니다: 선형 대비 MLP {mlp_gain}%p, MLP 대비 CNN {cnn_gain}%p입니다 "
        "(기준: 각각 최소 {margin}%p). 단계가 너무 적거나, 학습률이 많이 어긋났거나, 잡음가 신호를 가린 걸까요?"),
    "babysitting.tiers.notice": (
        "On {n} examples the validation accuracy is {softmax} for the linear model, {mlp} for the MLP and {cnn} "
        "for the CNN; the MLP's training accuracy is {mlp_train}. The CNN has {cnn_params} parameters, the MLP "
        "{mlp_params}: the CNN uses one detector at every position and keeps the largest response, the MLP has to "
        "learn a pattern at each position separately.",
        "예제 {n}개에서 검증 정확도는 선형 모델 {softmax}, MLP {mlp}, CNN {cnn}이고, MLP의 학습 정확도는 "
        "{mlp_train}입니다. 파라미터는 CNN이 {cnn_params}개, MLP가 {mlp_params}개입니다. CNN은 검출기 하나를 모든 "
        "위치에 쓰고 가장 큰 반응을 남기지만, MLP는 같은 패턴을 위치마다 따로 배워야 합니다."),
    "babysitting.q.tiers": (
        "Same data, optimizer and batches: which model ends with the highest validation accuracy?",
        "같은 데이터, 같은 옵티마이저, 같은 배치일 때 검증 정확도가 가장 높은 모델은 무엇일까요?"),
    "babysitting.q.tiers.softmax": ("the linear (softmax) classifier", "선형 (소프트맥스) 분류기"),
    "babysitting.q.tiers.mlp": ("the MLP (two hidden layers)", "MLP (은닉층 두 개)"),
    "babysitting.q.tiers.cnn": ("the small 1-D CNN", "작은 1차원 CNN"),
    "babysitting.f.examples": ("Examples (30% held out for validation)", "예제 수 (30%는 검증용)"),
    "babysitting.f.mlp_width": ("MLP width (units per hidden layer)", "MLP 너비 (은닉층당 유닛 수)"),
    "babysitting.f.cnn_channels": ("CNN channels", "CNN 채널 수"),
    "babysitting.preset.tiers_default": ("Defaults: three tiers", "기본값: 세 단계"),
    "babysitting.preset.tiers_more": ("4,000 examples", "예제 4,000개"),
    "babysitting.preset.tiers_clean": ("No noise", "잡음 없음"),
    "babysitting.preset.tiers_noisy": ("Noise 0.6", "잡음 0.6"),
}
