"""Text shared by the frame, home and every page: navigation, run status, notes, field labels."""

TEXT = {
    "nav.start": ("Start", "시작"),
    "nav.l5": ("Lecture 5 · Training I", "강의 5 · 학습 I"),
    "nav.l67": ("Lectures 6-7 · Training II", "강의 6-7 · 학습 II"),
    "home.nav": ("Home", "홈"),
    "home.title": ("CS231n Lab: run the claims of Lectures 5-7", "CS231n 실험실: 강의 5-7의 주장을 직접 돌려 보기"),
    "home.intro": (
        "Each page takes one topic of the CS231n lectures on training neural networks and turns every claim "
        "on its slides into a small experiment that runs here, on the CPU, in seconds. Change a setting and "
        "the models train again; every number you see was just computed (or taken from the cache of an "
        "identical run), with fixed seeds, so the same settings always give the same numbers.",
        "각 페이지는 신경망 학습을 다루는 CS231n 강의의 주제 하나를 골라, 슬라이드의 주장 하나하나를 "
        "이 자리에서 CPU로 몇 초 안에 도는 작은 실험으로 바꿉니다. 설정을 바꾸면 모델이 다시 학습합니다. "
        "화면의 모든 숫자는 방금 계산한 것(또는 똑같은 실행의 캐시)이며 시드가 고정되어 있어, 같은 설정은 "
        "언제나 같은 숫자를 냅니다."),
    "home.share_title": ("Share a run", "실행 공유하기"),
    "home.share": (
        "Every control lives in the page's address: the sidebar shows the link of what you are looking at. "
        "Send it to your study group and they see the same settings, the same part of the page and the same "
        "numbers. Add `lang=ko` or `lang=en` to choose the language.",
        "모든 설정은 페이지 주소에 담깁니다. 사이드바에 지금 보고 있는 화면의 링크가 있습니다. 스터디 "
        "그룹에 보내면 같은 설정, 같은 부분, 같은 숫자를 보게 됩니다. 언어는 `lang=ko` 또는 `lang=en`으로 "
        "고를 수 있습니다."),
    "ui.share": ("Link to this run", "이 실행의 링크"),
    "ui.share_help": ("Copy it with the button at its right; it reproduces this page exactly.",
                      "오른쪽 버튼으로 복사하세요. 이 페이지를 그대로 재현합니다."),
    "ui.part": ("Part", "부분"),
    # Series names in legends, tables and pickers (ui.options.legend_label, the one translation; a page's own
    # wording is `<scope>.legend.<name>`). The English halves are the option labels where the option has one. Names
    # the lectures keep in Latin in Korean too (ReLU, Adam, BatchNorm, L2, ...) need no entry.
    "legend.none": ("no regularization", "규제 없음"),  # the baseline variant wherever a page has one
    "legend.train": ("train", "학습"),
    "legend.val": ("validation", "검증"),
    "legend.eval": ("eval", "평가"),
    "legend.momentum": ("SGD + momentum", "SGD + 모멘텀"),
    "legend.nesterov": ("Nesterov momentum", "Nesterov 모멘텀"),
    "legend.newton": ("Newton (exact Hessian)", "Newton (정확한 헤시안)"),
    "legend.gd": ("gradient descent", "경사 하강법"),
    "legend.update": ("update", "실제 갱신"),
    "legend.sgd_step": ("−lr·g (plain SGD step)", "−lr·g (SGD의 단계)"),
    "legend.distance": ("measured", "측정값"),
    "legend.predicted": ("predicted", "예측값"),
    "legend.noise N": ("noise {value}", "잡음 {value}"),
    "legend.flat": ("Constant", "고정 학습률"),
    "legend.step": ("Step decay", "계단식 감쇠"),
    "legend.exponential": ("Exponential", "지수 감쇠"),
    "legend.cosine": ("Cosine", "코사인"),
    "legend.warmup": ("Linear warmup", "선형 워밍업"),
    "legend.quadratic": ("Quadratic (taco shell)", "이차 함수 (타코 껍질)"),
    "legend.saddle": ("Saddle x² − y²", "안장 x² − y²"),
    "legend.multimodal": ("Ripples (many local minima)", "물결 (지역 최솟값 여럿)"),
    "legend.zero": ("Zero", "0"),
    "legend.constant": ("Constant", "상수"),
    "legend.normal": ("Normal N(0, std²)", "정규분포 N(0, std²)"),
    "legend.uniform": ("Uniform (same std)", "균등분포 (같은 std)"),
    "legend.xavier_normal": ("Xavier/Glorot normal", "Xavier/Glorot 정규분포"),
    "legend.xavier_uniform": ("Xavier/Glorot uniform", "Xavier/Glorot 균등분포"),
    "legend.kaiming_normal": ("Kaiming/He normal", "Kaiming/He 정규분포"),
    "legend.orthogonal": ("Orthogonal", "직교"),
    "legend.lsuv": ("LSUV (data-driven)", "LSUV (데이터 기반)"),
    "legend.equal": ("equal weights", "같은 가중치"),
    "legend.random": ("Random init", "무작위 초기화"),
    "legend.layer N": ("layer {value}", "{value}층"),
    "legend.positive": ("all positive", "모두 양수"),
    "legend.centered": ("zero-centered", "0 중심"),
    "legend.affine": ("with γ, β", "γ, β 학습"),
    "legend.no_affine": ("without γ, β", "γ, β 없음"),
    "legend.running": ("running average", "이동 평균"),
    "legend.closed_form": ("closed form", "닫힌 형식"),
    "legend.population": ("population", "모집단"),
    "legend.gauss": ("Gaussian", "가우시안"),
    "legend.skewed": ("Exponential (skewed)", "지수분포 (치우침)"),
    "legend.bimodal": ("Two bumps", "봉우리 둘"),
    "legend.spiral": ("Spiral (3 classes)", "나선 (클래스 3개)"),
    "legend.moons": ("Two moons", "초승달 둘"),
    "legend.circles": ("Circles", "동심원"),
    "legend.gaussians": ("Gaussian blobs", "가우시안 덩어리"),
    "legend.digits": ("Handwritten digits (8x8)", "손글씨 숫자 (8x8)"),
    "legend.digits1d": ("1-D digits (MNIST-1D style)", "1차원 숫자 (MNIST-1D 방식)"),
    "legend.shuffled": ("Shuffled-pixel digits (8x8)", "픽셀을 섞은 숫자 (8x8)"),
    "legend.softmax": ("Linear (softmax)", "선형 (softmax)"),
    "legend.cnn": ("1-D CNN", "1차원 CNN"),
    "legend.scratch": ("From scratch", "처음부터 학습"),
    "legend.linear": ("Linear probe (top)", "선형 프로브 (맨 위)"),
    "legend.linear_early": ("Linear probe (block 2)", "선형 프로브 (블록 2)"),
    "legend.finetune_top": ("Fine-tune top block", "맨 위 블록 미세 조정"),
    "legend.finetune_all": ("Fine-tune all", "전체 미세 조정"),
    "legend.top": ("Top block", "맨 위 블록"),
    "legend.early": ("Block 2", "블록 2"),
    "legend.pretrained": ("Pretrained", "사전 학습"),
    "legend.train_mode": ("Frozen, train mode", "얼림, 학습 모드"),
    "legend.eval_mode": ("Frozen, eval mode (fix)", "얼림, 평가 모드 (해결책)"),
    "legend.dropout": ("dropout", "드롭아웃"),
    "legend.dropconnect": ("DropConnect", "DropConnect"),
    "legend.test": ("test", "테스트"),
    "legend.fc": ("classifier (fc)", "분류기 (fc)"),
    "legend.stochastic depth": ("stochastic depth", "확률적 깊이"),
    "legend.augmented": ("augmented", "증강"),
    "legend.fractional": ("fractional max pooling", "분수 최대 풀링"),
    "legend.2x2 max": ("2x2 max pooling", "2x2 최대 풀링"),
    "legend.input": ("input", "입력"),
    "legend.inverted": ("inverted dropout", "역 드롭아웃"),
    "legend.forgot to scale": ("forgot to scale", "스케일링을 빠뜨림"),
    "legend.ensemble": ("ensemble", "앙상블"),
    "legend.model N": ("model {value}", "모델 {value}"),
    "ui.code": ("Copy as PyTorch code", "PyTorch 코드로 복사하기"),
    "ui.code_help": ("A standalone script with this run's seeds, data, model, initialization and training: "
                     "run it with `python` and it prints this run's numbers as a CSV table.",
                     "이 실행의 시드, 데이터, 모델, 초기화, 학습을 담은 독립 스크립트입니다. `python`으로 "
                     "실행하면 이 실행의 숫자를 CSV 표로 그대로 출력합니다."),
    "ui.code_download": ("Download the script", "스크립트 내려받기"),
    "ui.code_file": ("Download {name} (the script reads it from its own folder)",
                     "{name} 내려받기 (스크립트와 같은 폴더에 두세요)"),
    "ui.code_unsupported": ("Maxout and LSUV are not available as plain PyTorch code; remove them to get a script.",
                            "Maxout과 LSUV는 일반 PyTorch 코드로 내보낼 수 없습니다. 빼면 스크립트가 나옵니다."),
    "ui.predict": ("Predict first", "먼저 예측하기"),
    "ui.predict_help": ("Hide each result until you have committed to a prediction.",
                        "예측을 정할 때까지 결과를 가립니다."),
    "ui.question": ("Question:", "질문:"),
    "ui.your_prediction": ("Your prediction", "나의 예측"),
    "ui.reveal": ("Reveal the result", "결과 보기"),
    "ui.hidden_until_reveal": ("The result of this run is hidden until you pick an answer and reveal it.",
                               "답을 고르고 결과 보기를 누를 때까지 이 실행의 결과는 가려져 있습니다."),
    "ui.right": ("You predicted **{pick}**, and this run agrees: **{answer}**.",
                 "나의 예측: **{pick}**. 이 실행도 같습니다: **{answer}**."),
    "ui.wrong": ("You predicted **{pick}**; this run says **{answer}**. The numbers below show why.",
                 "나의 예측: **{pick}**. 이 실행의 답: **{answer}**. 아래 숫자가 이유를 보여 줍니다."),
    "ui.focus": ("Focus link: show only some controls", "집중 링크: 일부 설정만 보이기"),
    "ui.focus_pick": ("Controls the link keeps visible (the others stay fixed at this run's values)",
                      "링크에서 보일 설정 (나머지는 이 실행의 값으로 고정)"),
    "ui.focused": ("This link shows only some of the controls; the others are fixed at the link's values. "
                   "Remove `focus=` from the address to see them all.",
                   "이 링크는 설정 일부만 보여 줍니다. 나머지는 링크의 값으로 고정되어 있습니다. 주소에서 "
                   "`focus=`를 지우면 모두 보입니다."),
    "ui.preset_link": ("link", "링크"),
    "ui.presets": ("Lecture presets", "강의 프리셋"),
    "ui.download": ("Download the data (CSV)", "데이터 내려받기 (CSV)"),
    "run.running": ("Training…", "학습 중…"),
    "run.took": ("Computed just now in {seconds} s.", "방금 {seconds}초 걸려 계산했습니다."),
    "run.cached": ("Same settings as an earlier run: shown from the cache (it took {seconds} s then).",
                   "앞선 실행과 설정이 같아 캐시에서 보여 줍니다 (그때 {seconds}초 걸림)."),
    "run.failed": ("This run could not finish: {error}. Try smaller settings.",
                   "이 실행은 끝나지 못했습니다: {error}. 설정을 줄여 보세요."),
    "run.diverged": ("{variant} diverged at step {step} ({reason}): its run was stopped there.",
                     "{variant}[은] {step}단계에서 발산해({reason}) 그 자리에서 멈췄습니다."),
    # why a run stopped (core.plain.divergence), the {reason} of run.diverged
    "reason.nan": ("loss became NaN or infinite", "손실이 NaN 또는 무한대가 됨"),
    "reason.exploded": ("loss blew up", "손실이 폭발함"),
    "note.replaced": ("The link's value `{param}={given}` is not allowed here; using `{used}` instead.",
                      "링크의 값 `{param}={given}`[은] 쓸 수 없어 `{used}`[을] 대신 씁니다."),
    "note.budget": ("`{param}` is lowered from {given} to {used} for this combination, so that the run "
                    "finishes within a few seconds on the server.",
                    "이 조합에서는 실행이 서버에서 몇 초 안에 끝나도록 `{param}`[을] {given}에서 {used}[로] "
                    "낮춥니다."),
    # field labels shared by many configs
    "f.seed": ("Seed", "시드"),
    "f.lr": ("Learning rate", "학습률"),
    "f.steps": ("Training steps", "학습 단계 수"),
    "f.width": ("Width (units per layer)", "너비 (층당 유닛 수)"),
    "f.depth": ("Depth (hidden layers)", "깊이 (은닉층 수)"),
    "f.optimizer": ("Optimizer", "옵티마이저"),
    "f.dataset": ("Dataset", "데이터셋"),
    "f.noise": ("Noise", "잡음"),
    "f.n": ("Number of points", "점의 개수"),
    "f.activation": ("Activation", "활성화 함수"),
    "f.activations": ("Activations", "활성화 함수들"),
    "f.slope": ("Leaky ReLU slope", "Leaky ReLU 기울기"),
    "f.alpha": ("ELU alpha", "ELU 알파"),
    "f.k": ("Maxout pieces k", "Maxout 조각 수 k"),
    "f.init": ("Initialization", "초기화"),
    "f.init_std": ("Weight std", "가중치 표준편차"),
    "f.batch_size": ("Batch size (0 = full batch)", "배치 크기 (0 = 전체 배치)"),
    "f.momentum": ("Momentum", "모멘텀"),
    "f.weight_decay": ("Weight decay", "가중치 감쇠"),
    "f.dropout": ("Dropout p (drop probability)", "드롭아웃 p (버릴 확률)"),
    "f.norm": ("Normalization", "정규화 층"),
    # data columns as shown on axes and table headers (ui.i18n.column_title)
    "col.step": ("step", "단계"),
    "col.loss": ("loss", "손실"),
    "col.accuracy": ("accuracy", "정확도"),
    "col.layer": ("layer", "층"),
    "col.variant": ("variant", "변형"),
    "col.activation": ("activation", "활성화 함수"),
    "col.train_loss": ("train loss", "학습 손실"),
    "col.val_loss": ("validation loss", "검증 손실"),
    "col.train_accuracy": ("train accuracy", "학습 정확도"),
    "col.val_accuracy": ("validation accuracy", "검증 정확도"),
    "col.seconds": ("CPU seconds", "CPU 시간(초)"),  # core.train.Run.seconds: the thread's CPU time
    "col_help.seconds": ("CPU time of the thread that trained the run. Runs trained together as one stacked model "
                         "split their loop's time equally, so they show the same value.",
                         "실행을 학습시킨 스레드의 CPU 시간입니다. 하나의 쌓인(stacked) 모델로 함께 학습한 실행들은 "
                         "루프의 시간을 똑같이 나누므로 같은 값을 보입니다."),
    "col.diverged_at": ("diverged at step", "발산한 단계"),
    "col.reason": ("reason", "이유"),
    "col.dead": ("fraction off", "꺼진 비율"),
    "col.saturated": ("fraction saturated", "포화 비율"),
    "col.gradient": ("gradient left", "남은 그래디언트"),
    "col.relative_to_relu": ("time / ReLU time", "시간 / ReLU 시간"),
    "col.inputs": ("inputs", "입력"),
    "col.steps_to_target": ("steps to w*", "w*까지 단계 수"),
    "col.same_sign_fraction": ("same-sign updates", "같은 부호 갱신 비율"),
    "col.mse": ("mean squared error", "평균 제곱 오차"),
    "col.value": ("value", "값"),
    # notebook export (ui/study.py code_export, export/notebook.py): the notebook's markdown cells
    "ui.notebook_download": ("Download as notebook", "노트북으로 내려받기"),
    "ui.notebook_help": ("The same code as a Jupyter notebook (.ipynb): a cell per function, this run's settings "
                         "and what to look at; Run All prints the same tables as the script.",
                         "같은 코드를 주피터 노트북(.ipynb)으로 받습니다. 함수마다 셀 하나, 이 실행의 설정, 살펴볼 "
                         "점이 들어 있고, 모두 실행하면 스크립트와 같은 표를 출력합니다."),
    "ui.notebook_settings": ("This run's settings", "이 실행의 설정"),
    "ui.notebook_setting": ("setting", "설정"),
    "ui.notebook_key": ("link key", "링크 키"),
    "ui.notebook_value": ("value", "값"),
    "ui.notebook_settings_help": (
        "The last cell calls `main()` with these settings, written the way the code takes them; change a value "
        "there and run that cell again to try another setting.",
        "마지막 셀이 이 설정으로 `main()`을 부릅니다. 값은 코드가 받는 형태로 적혀 있습니다. 거기서 값을 "
        "바꾸고 그 셀을 다시 실행하면 다른 설정을 시험할 수 있습니다."),
    "ui.notebook_code": ("The code", "코드"),
    "ui.notebook_code_help": (
        "The functions the lab ran for this result, as they are written in the lab, one cell each, then "
        "`main()`. It needs only torch (and scikit-learn for the digits).",
        "이 결과를 위해 실험실이 실행한 함수들을 실험실에 적힌 그대로 셀마다 하나씩 담고, 끝에 `main()`을 "
        "둡니다. torch만 있으면 됩니다 (숫자 데이터에는 scikit-learn도 필요합니다)."),
    "ui.notebook_look": ("What to look at", "살펴볼 점"),
    "ui.notebook_look_help": (
        "Run all cells. The next cell prints this run's tables {tables} as CSV, each under "
        "`# <table> by <keys>`: the numbers behind the page's charts, the same to float32 rounding. Compare "
        "them with the page, then change a setting in the cell and run it again.",
        "모든 셀을 실행하세요. 다음 셀이 이 실행의 표 {tables}[을] CSV로 출력합니다. 표마다 "
        "`# <표> by <키>` 줄 아래에 있습니다. 페이지 차트 뒤의 숫자와 float32 반올림 범위에서 같습니다. "
        "페이지와 비교한 뒤 셀에서 설정을 바꾸고 다시 실행해 보세요."),
    "ui.notebook_look_any": (
        "Run all cells. The next cell prints this run's tables as CSV, each under `# <table> by <keys>`: the "
        "numbers behind the page's charts, the same to float32 rounding. Compare them with the page, then change "
        "a setting in the cell and run it again.",
        "모든 셀을 실행하세요. 다음 셀이 이 실행의 표들을 CSV로 출력합니다. 표마다 `# <표> by <키>` 줄 "
        "아래에 있습니다. 페이지 차트 뒤의 숫자와 float32 반올림 범위에서 같습니다. 페이지와 비교한 뒤 "
        "셀에서 설정을 바꾸고 다시 실행해 보세요."),
}
