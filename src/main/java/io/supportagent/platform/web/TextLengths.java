package io.supportagent.platform.web;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code @Size} on text counts characters (Unicode code points), as the API description's {@code maxLength} does
 * (JSON Schema) and as PostgreSQL's {@code varchar(n)} does, not UTF-16 units: 200 emoji are a 200-character name.
 * Collections keep Hibernate Validator's own check.
 */
@Configuration(proxyBeanMethods = false)
class TextLengths {

    @Bean
    ValidationConfigurationCustomizer sizeOfTextInCharacters() {
        return configuration -> {
            if (configuration instanceof HibernateValidatorConfiguration hibernate) {
                ConstraintMapping mapping = hibernate.createConstraintMapping();
                // Added to Hibernate's own: for a String this one is the more specific, so it is the one used.
                mapping.constraintDefinition(Size.class).validatedBy(SizeOfText.class);
                hibernate.addMapping(mapping);
            }
        };
    }

    /** The length of text in code points. */
    public static final class SizeOfText implements ConstraintValidator<Size, String> {

        private int min;
        private int max;

        @Override
        public void initialize(Size size) {
            min = size.min();
            max = size.max();
        }

        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            if (text == null) {
                return true;
            }
            int length = text.codePointCount(0, text.length());
            return length >= min && length <= max;
        }
    }
}
