# Build entry point used by `sam build` (template.yaml: Metadata.BuildMethod = makefile, CodeUri = .).
#
# SAM copies CodeUri (the repository root, minus .git and .aws-sam) to a scratch directory and runs
#   make build-SidedoorFunction ARTIFACTS_DIR=<absolute path>
# there (use `sam build --build-in-source` to build in place instead). The Java runtime puts every jar found
# under lib/ of the deployment package on the class path; the package is the one shaded jar.

MVN ?= mvn
MVN_FLAGS ?= -B -q
LAMBDA_MODULE := aws-lambda
LAMBDA_JAR := $(LAMBDA_MODULE)/target/sidedoor-lambda.jar

.PHONY: build-SidedoorFunction lint-template

build-SidedoorFunction:
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set (this target is run by sam build)" >&2; exit 1; }
	$(MVN) $(MVN_FLAGS) -DskipTests -pl $(LAMBDA_MODULE) -am package
	@test -f "$(LAMBDA_JAR)" || { echo "$(LAMBDA_JAR) was not produced (check finalName in $(LAMBDA_MODULE)/pom.xml)" >&2; exit 1; }
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp "$(LAMBDA_JAR)" "$(ARTIFACTS_DIR)/lib/"

lint-template:
	cfn-lint template.yaml
